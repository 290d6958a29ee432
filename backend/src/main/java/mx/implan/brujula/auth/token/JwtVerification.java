package mx.implan.brujula.auth.token;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import mx.implan.brujula.auth.AuthConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Set;

/**
 * Tells smallrye-jwt how to verify bearer tokens. Embedded (default): with the public key stored
 * in the database. OIDC ({@code brujula.auth.oidc.enabled}): with the provider's JWKS, its issuer,
 * optionally its audience, and roles read from the configured claim. Replaces the extension's own
 * {@link JWTAuthContextInfo} producer (alternative with priority), so issuer, algorithm and expiry
 * checks stay theirs. Built once per process: rotating the embedded key needs a restart of every
 * instance (tokens signed with the old key then fail and clients refresh); JWKS keys are refetched
 * by smallrye-jwt when a token names an unknown key id.
 */
@ApplicationScoped
public class JwtVerification {

    @Produces
    @Alternative
    @Priority(1)
    @ApplicationScoped
    JWTAuthContextInfo contextInfo(SigningKeyService keys, AuthConfig config,
                                   @ConfigProperty(name = "mp.jwt.verify.issuer") String issuer) {
        if (config.oidc().enabled()) {
            return external(config);
        }
        SigningKeyService.ActiveKey key = keys.current();
        JWTAuthContextInfo info = new JWTAuthContextInfo(key.publicKey(), issuer);
        info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.RS256));
        // A token must name our key; one carrying another kid is refused before any signature math.
        info.setTokenKeyId(key.kid());
        info.setClockSkew((int) config.clockSkew().toSeconds());
        info.setRequireNamedPrincipal(true);
        return info;
    }

    static JWTAuthContextInfo external(AuthConfig config) {
        AuthConfig.Oidc oidc = config.oidc();
        String issuer = oidc.issuer().orElseThrow(() ->
                new IllegalStateException("brujula.auth.oidc.enabled=true needs brujula.auth.oidc.issuer"));
        String jwks = oidc.jwksUrl().orElseThrow(() ->
                new IllegalStateException("brujula.auth.oidc.enabled=true needs brujula.auth.oidc.jwks-url"));
        JWTAuthContextInfo info = new JWTAuthContextInfo(jwks, issuer);
        info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.RS256, SignatureAlgorithm.ES256, SignatureAlgorithm.PS256));
        info.setGroupsPath(oidc.rolesClaim());
        oidc.audience().ifPresent(audience -> info.setExpectedAudience(Set.of(audience)));
        info.setClockSkew((int) config.clockSkew().toSeconds());
        // The username is upn, else preferred_username (Keycloak), else sub; it must be there.
        info.setRequireNamedPrincipal(true);
        return info;
    }
}
