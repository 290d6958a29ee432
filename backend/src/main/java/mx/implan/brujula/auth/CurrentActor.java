package mx.implan.brujula.auth;

import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import java.util.Optional;

/**
 * The signed-in caller of the current request as an {@link Actor}. Resources inject this and
 * hand the Actor to services, which never read the security context themselves.
 */
@RequestScoped
public class CurrentActor {

    @Inject
    SecurityIdentity identity;

    /** The caller; 401 when the request carries no valid token (use on endpoints that require one). */
    public Actor get() {
        return find().orElseThrow(() -> new UnauthorizedException("Not signed in"));
    }

    /** The caller, or empty for an anonymous request (endpoints open to citizens without an account). */
    public Optional<Actor> find() {
        return Optional.ofNullable(of(identity));
    }

    /** Actor of any security identity; null when anonymous. */
    public static Actor of(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return null;
        }
        return new Actor(identity.getPrincipal().getName(), identity.getRoles());
    }
}
