package mx.implan.brujula.auth.token;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import mx.implan.brujula.auth.AuthConfig;
import mx.implan.brujula.auth.UserService;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Optional;
import java.util.UUID;

/**
 * Makes access tokens revocable: a signature-valid token is still refused when its user was
 * disabled or deleted, or when its {@code tv} claim is older than the user's token version
 * (bumped on password change and disable). Costs one primary-key read per authenticated request.
 */
@ApplicationScoped
public class TokenVersionAugmentor implements SecurityIdentityAugmentor {

    @Inject
    UserService users;

    @ConfigProperty(name = "mp.jwt.verify.issuer")
    String issuer;

    @Inject
    AuthConfig config;

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        // Only our own tokens carry a token version; an external OIDC provider's are its business.
        if (config.oidc().enabled() || identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)
                || !issuer.equals(jwt.getIssuer())) {
            return Uni.createFrom().item(identity);
        }
        // The database read must not run on the event loop.
        return context.runBlocking(() -> {
            if (!stillValid(jwt)) {
                throw new AuthenticationFailedException("Token revoked: user disabled or token version outdated");
            }
            return identity;
        });
    }

    private boolean stillValid(JsonWebToken jwt) {
        Optional<UUID> userId = uuid(jwt.getSubject());
        Optional<Long> version = number(jwt.getClaim(TokenService.TOKEN_VERSION_CLAIM));
        if (userId.isEmpty() || version.isEmpty()) {
            return false;
        }
        return users.tokenState(userId.get())
                .map(state -> state.enabled() && version.get() >= state.tokenVersion())
                .orElse(false);
    }

    private static Optional<UUID> uuid(String value) {
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException | NullPointerException notAUserId) {
            return Optional.empty();
        }
    }

    /** Claims come back as jakarta.json numbers or Java numbers depending on the path; their text is the number. */
    private static Optional<Long> number(Object claim) {
        if (claim == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(claim.toString()));
        } catch (NumberFormatException notANumber) {
            return Optional.empty();
        }
    }
}
