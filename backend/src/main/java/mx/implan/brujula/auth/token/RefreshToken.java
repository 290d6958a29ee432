package mx.implan.brujula.auth.token;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.LockModeType;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import mx.implan.brujula.auth.AppUser;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One refresh token, known to the server only by its SHA-256. Tokens rotate: each exchange
 * marks the presented one used and issues the next one in the same family, so a second use of
 * any token in a family reveals a copy and kills the family.
 */
@Entity
@Table(name = "refresh_token")
public class RefreshToken extends PanacheEntityBase {

    @Id
    public UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "user_id")
    public AppUser user;

    /** All tokens descending from one sign-in share the family id. */
    @Column(name = "family_id")
    public UUID familyId;

    @Column(name = "token_hash")
    public String tokenHash;

    @Column(name = "issued_at")
    public Instant issuedAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "used_at")
    public Instant usedAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    /** Locks the row so two exchanges of the same token are serialized: exactly one wins. */
    public static Optional<RefreshToken> findByHashForUpdate(String tokenHash) {
        return find("tokenHash", tokenHash).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    public static int revokeFamily(UUID familyId, Instant at) {
        return update("revokedAt = ?1 where familyId = ?2 and revokedAt is null", at, familyId);
    }

    public static int revokeAllOf(UUID userId, Instant at) {
        return update("revokedAt = ?1 where user.id = ?2 and revokedAt is null", at, userId);
    }
}
