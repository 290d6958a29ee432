package mx.implan.brujula.accounts;

import mx.implan.brujula.auth.AppUser;

import java.time.Instant;
import java.util.UUID;

/** An account as administrators see it: never its password hash or token version. */
public record UserView(UUID id, String username, String displayName, String role, boolean active,
                       Instant createdAt, Instant updatedAt) {

    public static UserView of(AppUser user) {
        return new UserView(user.id, user.username, user.displayName, user.role, user.enabled, user.createdAt, user.updatedAt);
    }
}
