package mx.implan.brujula.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Settings of the embedded identity provider (password hashing, token lifetimes) or of an external OIDC provider. */
@ConfigMapping(prefix = "brujula.auth")
public interface AuthConfig {

    /** BCrypt cost factor (log2 rounds) for stored passwords; each +1 doubles the work of a guess. */
    @WithDefault("12")
    int bcryptCost();

    /** How long an access token (JWT) is accepted; short, because it is checked without a database write. */
    @WithDefault("PT15M")
    Duration accessTokenTtl();

    /** How long a refresh token may be exchanged; long, so an offline inspector keeps a session for weeks. */
    @WithDefault("P30D")
    Duration refreshTokenTtl();

    /** Allowed clock difference between this server and the token's timestamps when verifying an access token. */
    @WithDefault("PT60S")
    Duration clockSkew();

    /** An external OpenID Connect provider (e.g. Keycloak) instead of the embedded sign-in. */
    Oidc oidc();

    /** {@code brujula.auth.oidc.*}: accept the provider's access tokens, verified with its JWKS. */
    interface Oidc {

        /** Bearer tokens come from the provider; the embedded sign-in ({@code /api/v1/auth/token}, {@code /refresh}) is off. */
        @WithDefault("false")
        boolean enabled();

        /** The provider's issuer ({@code iss}), e.g. {@code https://sso.example.mx/realms/brujula}. */
        Optional<String> issuer();

        /** The provider's JWKS URL, e.g. Keycloak's {@code <issuer>/protocol/openid-connect/certs}. */
        Optional<String> jwksUrl();

        /** Audience ({@code aud}) a token must carry for this API; unset: not checked. */
        Optional<String> audience();

        /** Claim (a path with {@code /}) holding the role names citizen/inspector/supervisor/admin. */
        @WithDefault("realm_access/roles")
        String rolesClaim();
    }
}
