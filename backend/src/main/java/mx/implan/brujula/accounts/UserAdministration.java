package mx.implan.brujula.accounts;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import mx.implan.brujula.assignments.Assignments;
import mx.implan.brujula.audit.AuditEntryEntity;
import mx.implan.brujula.audit.AuditTrail;
import mx.implan.brujula.auth.Actor;
import mx.implan.brujula.auth.AppUser;
import mx.implan.brujula.auth.GeneratedPassword;
import mx.implan.brujula.auth.Roles;
import mx.implan.brujula.auth.UserService;
import mx.implan.brujula.events.InspectorFeed;
import mx.implan.brujula.http.ApiProblem;
import mx.implan.brujula.http.JsonProblems;
import mx.implan.brujula.model.sync.FieldError;
import mx.implan.brujula.http.ProblemMessages;
import mx.implan.brujula.http.QueryParams;
import mx.implan.brujula.model.Page;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Accounts as administrators manage them: list, create (with a generated password shown once),
 * change name, role and active flag, reset passwords, delete accounts that never wrote anything.
 * Every change is audited (entity {@code user}, never a password or its hash); a role change or a
 * disable kills the user's access tokens at once, a password reset also their refresh tokens.
 */
@ApplicationScoped
@Transactional
public class UserAdministration {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1_000;
    static final String CURSOR_LIST = "users";
    static final int GENERATED_PASSWORD_CHARS = 20;

    @Inject
    UserService users;
    @Inject
    Assignments assignments;
    @Inject
    InspectorFeed feed;
    @Inject
    AuditTrail audit;
    @Inject
    EntityManager em;

    /** A create request; a null password means "generate one". */
    public record NewUser(String username, String displayName, String role, String password, Boolean active) {
    }

    /** A change; null members are left as they are. */
    public record UserChange(String displayName, String role, Boolean active) {
    }

    /** A list request, already validated. */
    public record Query(Optional<String> role, Optional<Boolean> active, int limit, Optional<String> afterUsername) {
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<UserView> list(Query q) {
        StringBuilder where = new StringBuilder("true");
        Map<String, Object> params = new LinkedHashMap<>();
        q.role().ifPresent(r -> {
            where.append(" and role = :role");
            params.put("role", r);
        });
        q.active().ifPresent(a -> {
            where.append(" and enabled = :active");
            params.put("active", a);
        });
        q.afterUsername().ifPresent(u -> {
            where.append(" and username > :after");
            params.put("after", u);
        });
        var query = AppUser.<AppUser>find(where + " order by username", params).page(0, q.limit() + 1);
        List<AppUser> rows = query.list();
        boolean more = rows.size() > q.limit();
        List<UserView> items = rows.subList(0, Math.min(rows.size(), q.limit())).stream().map(UserView::of).toList();
        String next = more ? QueryParams.encodeCursor(CURSOR_LIST, items.get(items.size() - 1).username()) : null;
        return new Page<>(items, next);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public UserView get(UUID id) {
        return UserView.of(require(id));
    }

    /**
     * The audit history of a user, kept after the account is deleted; an id that never was a user
     * (no account, no history) is 404 {@code USER_NOT_FOUND}.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AuditEntryEntity> history(UUID id) {
        List<AuditEntryEntity> entries = AuditEntryEntity.of("user", id.toString());
        if (entries.isEmpty() && AppUser.findById(id) == null) {
            throw notFound(id);
        }
        return entries;
    }

    /** Creates an account; the generated password (when none was given) is in the answer and nowhere else. */
    public CreatedUser create(Actor actor, NewUser in, Locale locale) {
        if (in == null) {
            throw ApiProblem.validation(List.of(required("username", locale), required("role", locale)));
        }
        boolean generate = in.password() == null;
        String password = generate ? GeneratedPassword.random(GENERATED_PASSWORD_CHARS) : in.password();
        AppUser user = users.create(in.username(), in.role(), password, in.displayName(), locale);
        if (Boolean.FALSE.equals(in.active())) {
            user.enabled = false;
        }
        Map<String, Object> after = state(user);
        after.put("passwordGenerated", generate);
        audit.record(actor.name(), "user.create", "user", user.id.toString(), null, after);
        return new CreatedUser(UserView.of(user), generate ? password : null);
    }

    /**
     * Changes name, role and/or active. Role change and disable invalidate the user's tokens; a
     * user who stops being an inspector loses their zones. The last active admin cannot be
     * demoted or disabled (409 {@code LAST_ADMIN}).
     */
    public UserView update(Actor actor, UUID id, UserChange change, Locale locale) {
        if (change == null) {
            throw JsonProblems.objectRequired(locale);
        }
        List<FieldError> errors = new ArrayList<>();
        String role = change.role() == null ? null : change.role().strip();
        if (role != null && !UserService.ROLES.contains(role)) {
            errors.add(error("role", "UNKNOWN_ROLE", locale, role));
        }
        String displayName = change.displayName() == null ? null : change.displayName().strip();
        if (displayName != null && displayName.length() > UserService.MAX_DISPLAY_NAME_CHARS) {
            errors.add(error("displayName", "DISPLAY_NAME_TOO_LONG", locale, UserService.MAX_DISPLAY_NAME_CHARS));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.validation(errors);
        }
        feed.lock();
        AppUser user = requireForUpdate(id);
        Map<String, Object> before = state(user);
        boolean roleChanged = role != null && !role.equals(user.role);
        boolean disabling = Boolean.FALSE.equals(change.active()) && user.enabled;
        if ((roleChanged || disabling) && Roles.ADMIN.equals(user.role) && user.enabled) {
            requireAnotherAdmin(user);
        }
        String oldRole = user.role;
        if (displayName != null) {
            user.displayName = displayName.isEmpty() ? null : displayName;
        }
        if (roleChanged) {
            user.role = role;
        }
        if (change.active() != null) {
            user.enabled = change.active();
        }
        if (disabling) {
            users.revokeSessions(user);
        } else if (roleChanged) {
            users.invalidateAccessTokens(user);
        }
        if (roleChanged && Roles.INSPECTOR.equals(oldRole)) {
            assignments.clear(actor, user);
        }
        Map<String, Object> after = state(user);
        if (!before.equals(after)) {
            user.updatedAt = Instant.now();
            audit.record(actor.name(), "user.update", "user", user.id.toString(), changed(before, after), changed(after, before));
        }
        return UserView.of(user);
    }

    /** Sets a new password (generated when null) and signs the user out everywhere. */
    public Optional<String> resetPassword(Actor actor, UUID id, String password, Locale locale) {
        AppUser user = require(id);
        boolean generate = password == null;
        String secret = generate ? GeneratedPassword.random(GENERATED_PASSWORD_CHARS) : password;
        users.changePassword(user.username, secret, locale);
        audit.record(actor.name(), "user.password-reset", "user", user.id.toString(), null,
                Map.of("username", user.username, "passwordGenerated", generate, "sessionsRevoked", true));
        return generate ? Optional.of(secret) : Optional.empty();
    }

    /**
     * Deletes an account that never wrote anything (a mistake at creation). An account that authored
     * observations, revisions, conflicts, citizen reports or audited actions is kept for the record:
     * 409 {@code USER_HAS_DATA}, disable it instead.
     */
    public void delete(Actor actor, UUID id) {
        feed.lock();
        AppUser user = requireForUpdate(id);
        if (authoredData(user.username)) {
            throw ApiProblem.conflict("USER_HAS_DATA", "User {0} authored data; disable the account instead", user.username)
                    .with("hint", "PATCH {\"active\": false}");
        }
        if (Roles.ADMIN.equals(user.role) && user.enabled) {
            requireAnotherAdmin(user);
        }
        Map<String, Object> before = state(user);
        assignments.clear(actor, user);
        feed.forget(user.username, user.id);
        em.createNativeQuery("DELETE FROM refresh_token WHERE user_id = ?1").setParameter(1, user.id).executeUpdate();
        user.delete();
        audit.record(actor.name(), "user.delete", "user", user.id.toString(), before, null);
    }

    private boolean authoredData(String username) {
        Number n = (Number) em.createNativeQuery("""
                        SELECT (SELECT count(*) FROM (SELECT 1 FROM observation WHERE author = ?1 LIMIT 1) a)
                             + (SELECT count(*) FROM (SELECT 1 FROM observation_revision WHERE actor = ?1 LIMIT 1) b)
                             + (SELECT count(*) FROM (SELECT 1 FROM sync_conflict WHERE author = ?1 LIMIT 1) c)
                             + (SELECT count(*) FROM (SELECT 1 FROM citizen_report WHERE reporter = ?1 LIMIT 1) d)
                             + (SELECT count(*) FROM (SELECT 1 FROM audit_log WHERE actor = ?1 LIMIT 1) e)""")
                .setParameter(1, username).getSingleResult();
        return n.longValue() > 0;
    }

    /** Locks every other active admin, so two admins demoting each other at once cannot leave none. */
    private void requireAnotherAdmin(AppUser user) {
        List<AppUser> others = AppUser.<AppUser>find("role = ?1 and enabled = true and id <> ?2", Roles.ADMIN, user.id)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
        if (others.isEmpty()) {
            throw ApiProblem.conflict("LAST_ADMIN", "{0} is the last active administrator", user.username);
        }
    }

    private static AppUser require(UUID id) {
        AppUser user = AppUser.findById(id);
        if (user == null) {
            throw notFound(id);
        }
        return user;
    }

    private static AppUser requireForUpdate(UUID id) {
        AppUser user = AppUser.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (user == null) {
            throw notFound(id);
        }
        return user;
    }

    private static ApiProblem notFound(UUID id) {
        return ApiProblem.notFound("USER_NOT_FOUND", "User {0} does not exist", id);
    }

    /** What the audit keeps of an account: never the password hash or token version. */
    private static Map<String, Object> state(AppUser user) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("username", user.username);
        state.put("displayName", user.displayName);
        state.put("role", user.role);
        state.put("active", user.enabled);
        return state;
    }

    /** The members of {@code side} that differ from {@code other}, plus the username for readability. */
    private static Map<String, Object> changed(Map<String, Object> side, Map<String, Object> other) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("username", side.get("username"));
        side.forEach((k, v) -> {
            if (!Objects.equals(v, other.get(k))) {
                out.put(k, v);
            }
        });
        return out;
    }

    private static FieldError required(String field, Locale locale) {
        return new FieldError(field, "REQUIRED", ProblemMessages.detail("REQUIRED", locale, "Required", field));
    }

    private static FieldError error(String field, String code, Locale locale, Object... args) {
        return new FieldError(field, code, ProblemMessages.detail(code, locale, code, args));
    }
}
