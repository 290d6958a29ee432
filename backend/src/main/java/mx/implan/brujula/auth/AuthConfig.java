package mx.implan.brujula.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Settings of the embedded identity provider: password hashing and token lifetimes. */
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
}
