package mx.implan.brujula.auth;

import io.agroal.api.AgroalDataSource;
import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import mx.implan.brujula.auth.token.RefreshToken;
import mx.implan.brujula.http.ApiProblem;
import mx.implan.brujula.model.sync.FieldError;
import mx.implan.brujula.http.ProblemMessages;
import mx.implan.brujula.http.RequestLocale;
import org.hibernate.exception.ConstraintViolationException;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Accounts of the embedded identity provider: creation with validation, password checks,
 * disabling and password changes. Both of the latter bump {@code token_version}, which kills
 * every access token already handed out, and revoke the user's refresh tokens.
 */
@ApplicationScoped
@Transactional
public class UserService {

    public static final Set<String> ROLES = Set.of(Roles.CITIZEN, Roles.INSPECTOR, Roles.SUPERVISOR, Roles.ADMIN);
    public static final int MIN_PASSWORD_CHARS = 10;
    /** BCrypt only reads the first 72 bytes; longer passwords would silently share a hash. */
    public static final int MAX_PASSWORD_BYTES = 72;
    public static final int MAX_DISPLAY_NAME_CHARS = 200;

    private static final Pattern PLAIN_USERNAME = Pattern.compile("[a-z0-9._-]{3,64}");
    private static final Pattern EMAIL_USERNAME = Pattern.compile("[a-z0-9._%+-]+@[a-z0-9-]+(\\.[a-z0-9-]+)*\\.[a-z]{2,}");

    @Inject
    AgroalDataSource dataSource;
    @Inject
    AuthConfig config;

    /** Hash checked when the user does not exist, so "unknown user" costs as much as "wrong password". */
    private volatile String dummyHash;

    /** Creates an account; invalid input → 422 with one error per field, a taken username → 409. */
    public AppUser create(String username, String role, String password, String displayName) {
        return create(username, role, password, displayName, RequestLocale.SPANISH);
    }

    /** As {@link #create(String, String, String, String)}, with field messages in {@code locale}. */
    public AppUser create(String username, String role, String password, String displayName, Locale locale) {
        List<FieldError> errors = new ArrayList<>();
        String name = username == null ? null : AppUser.normalize(username);
        if (name == null || name.isEmpty()) {
            errors.add(error("username", "REQUIRED", locale, "username"));
        } else if (name.length() < 3 || name.length() > 64
                || !(PLAIN_USERNAME.matcher(name).matches() || EMAIL_USERNAME.matcher(name).matches())) {
            errors.add(error("username", "USERNAME_FORMAT", locale));
        }
        if (role == null || role.isBlank()) {
            errors.add(error("role", "REQUIRED", locale, "role"));
        } else if (!ROLES.contains(role)) {
            errors.add(error("role", "UNKNOWN_ROLE", locale, role));
        }
        errors.addAll(passwordErrors(password, locale));
        String display = displayName == null || displayName.isBlank() ? null : displayName.strip();
        if (display != null && display.length() > MAX_DISPLAY_NAME_CHARS) {
            errors.add(error("displayName", "DISPLAY_NAME_TOO_LONG", locale, MAX_DISPLAY_NAME_CHARS));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.validation(errors);
        }
        if (AppUser.existsByUsername(name)) {
            throw usernameTaken(name);
        }
        AppUser user = new AppUser();
        user.id = UUID.randomUUID();
        user.username = name;
        user.displayName = display;
        user.passwordHash = hash(password);
        user.role = role;
        user.enabled = true;
        user.tokenVersion = 0;
        user.createdAt = Instant.now();
        user.updatedAt = user.createdAt;
        try {
            user.persistAndFlush();
        } catch (ConstraintViolationException raceOnUniqueIndex) {
            // Another request created the same name between our check and our insert.
            throw usernameTaken(name);
        }
        return user;
    }

    /**
     * The enabled user whose password matches, or empty. Unknown, disabled and wrong-password
     * cases all cost one BCrypt check, so response time does not reveal which usernames exist.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<AppUser> authenticate(String username, String password) {
        if (username == null || password == null) {
            BcryptUtil.matches("", dummyHash());
            return Optional.empty();
        }
        Optional<AppUser> user = AppUser.findByUsername(username);
        String hash = user.map(u -> u.passwordHash).orElse(null);
        boolean matches = BcryptUtil.matches(password, hash == null ? dummyHash() : hash) && hash != null;
        return matches && user.get().enabled ? user : Optional.empty();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<AppUser> findByUsername(String username) {
        return AppUser.findByUsername(username);
    }

    /**
     * What the access-token check needs about a user: one primary-key read on a pooled connection,
     * no ORM session and no transaction — it runs on every authenticated request (profiled: the
     * session and transaction around it cost more than the query).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<TokenState> tokenState(UUID userId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT enabled, token_version FROM app_user WHERE id = ?")) {
            ps.setObject(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new TokenState(rs.getBoolean(1), rs.getInt(2))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the token state of " + userId, e);
        }
    }

    /** Stops the user from signing in and invalidates every token already issued to them. */
    public void disable(String username) {
        AppUser user = require(username);
        user.enabled = false;
        revokeSessions(user);
    }

    /** Lets a disabled user sign in again (old tokens stay dead: their token version moved on). */
    public void enable(String username) {
        AppUser user = require(username);
        user.enabled = true;
        user.updatedAt = Instant.now();
    }

    /** Sets a new password and signs the user out everywhere. */
    public void changePassword(String username, String newPassword) {
        changePassword(username, newPassword, RequestLocale.SPANISH);
    }

    public void changePassword(String username, String newPassword, Locale locale) {
        List<FieldError> errors = passwordErrors(newPassword, locale);
        if (!errors.isEmpty()) {
            throw ApiProblem.validation(errors);
        }
        AppUser user = require(username);
        user.passwordHash = hash(newPassword);
        revokeSessions(user);
    }

    /** Signs the user out everywhere: access tokens die (token version) and refresh-token families are revoked. */
    public void revokeSessions(AppUser user) {
        invalidateAccessTokens(user);
        RefreshToken.revokeAllOf(user.id, user.updatedAt);
    }

    /**
     * Access tokens already issued stop working at once (their {@code tv} claim falls behind);
     * a refresh then yields a token of the user as they are now (e.g. with a new role).
     */
    public void invalidateAccessTokens(AppUser user) {
        user.tokenVersion++;
        user.updatedAt = Instant.now();
    }

    private AppUser require(String username) {
        return AppUser.findByUsername(username)
                .orElseThrow(() -> ApiProblem.notFound("USER_NOT_FOUND", "User {0} does not exist", username));
    }

    private List<FieldError> passwordErrors(String password, Locale locale) {
        if (password == null || password.isEmpty()) {
            return List.of(error("password", "REQUIRED", locale, "password"));
        }
        if (password.codePointCount(0, password.length()) < MIN_PASSWORD_CHARS) {
            return List.of(error("password", "PASSWORD_TOO_SHORT", locale, MIN_PASSWORD_CHARS));
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            return List.of(error("password", "PASSWORD_TOO_LONG", locale, MAX_PASSWORD_BYTES));
        }
        return List.of();
    }

    private String hash(String password) {
        return BcryptUtil.bcryptHash(password, config.bcryptCost());
    }

    private String dummyHash() {
        String hash = dummyHash;
        if (hash == null) {
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            hash = hash(Base64.getEncoder().encodeToString(random));
            dummyHash = hash;
        }
        return hash;
    }

    private static ApiProblem usernameTaken(String username) {
        return ApiProblem.conflict("USERNAME_TAKEN", "Username {0} is already taken", username);
    }

    private static FieldError error(String field, String code, Locale locale, Object... args) {
        return new FieldError(field, code, ProblemMessages.detail(code, locale, code, args));
    }

    /** Whether a user may still use tokens, and the token version they must carry. */
    public record TokenState(boolean enabled, int tokenVersion) {
    }
}
