package mx.implan.brujula.auth;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** A person who signs in: staff (inspector, supervisor, admin) or a citizen with an account. */
@Entity
@Table(name = "app_user")
public class AppUser extends PanacheEntityBase {

    @Id
    public UUID id;

    /** Stored lower-case; the unique index is on lower(username), so "Ana" and "ana" are one user. */
    public String username;

    @Column(name = "display_name")
    public String displayName;

    /** BCrypt hash (salt and cost inside); null for an account that cannot sign in with a password. */
    @Column(name = "password_hash")
    public String passwordHash;

    public String role;

    public boolean enabled = true;

    /** Bumped on password change or disable; access tokens carry it as claim {@code tv} and die when it moves. */
    @Column(name = "token_version")
    public int tokenVersion;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public static Optional<AppUser> findByUsername(String username) {
        if (username == null) {
            return Optional.empty();
        }
        return find("lower(username) = ?1", normalize(username)).firstResultOptional();
    }

    public static boolean existsByUsername(String username) {
        return count("lower(username) = ?1", normalize(username)) > 0;
    }

    /** Usernames compare case-insensitively and without surrounding blanks. */
    public static String normalize(String username) {
        return username.strip().toLowerCase(Locale.ROOT);
    }
}
