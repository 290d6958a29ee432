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
 * Tells smallrye-jwt to verify bearer tokens with the public key stored in the database instead
 * of a key file named in configuration. Replaces the extension's own {@link JWTAuthContextInfo}
 * producer (alternative with priority), so issuer, algorithm and expiry checks stay theirs.
 * Built once per process from the single active key: rotating the key needs a restart of every
 * instance (tokens signed with the old key then fail and clients refresh).
 */
@ApplicationScoped
public class JwtVerification {

    @Produces
    @Alternative
    @Priority(1)
    @ApplicationScoped
    JWTAuthContextInfo contextInfo(SigningKeyService keys, AuthConfig config,
                                   @ConfigProperty(name = "mp.jwt.verify.issuer") String issuer) {
        SigningKeyService.ActiveKey key = keys.current();
        JWTAuthContextInfo info = new JWTAuthContextInfo(key.publicKey(), issuer);
        info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.RS256));
        // A token must name our key; one carrying another kid is refused before any signature math.
        info.setTokenKeyId(key.kid());
        info.setClockSkew((int) config.clockSkew().toSeconds());
        info.setRequireNamedPrincipal(true);
        return info;
    }
}
