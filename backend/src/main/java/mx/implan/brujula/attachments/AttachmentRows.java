package mx.implan.brujula.attachments;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/** The {@code attachment} table (one row per stored, verified photo) and the reference queries on observations. */
@ApplicationScoped
public class AttachmentRows {

    @Inject
    AgroalDataSource dataSource;

    /** A stored photo. */
    public record Stored(String sha256, String mediaType, long bytes, int width, int height, OffsetDateTime createdAt) {
    }

    /**
     * Whose photos the hashes an account cites are: {@code notStored} (no bytes here yet) and {@code othersPhotos}
     * (stored, but the account never sent their bytes). The rest are the account's own uploads.
     */
    public record Provenance(Set<String> notStored, Set<String> othersPhotos) {
        /** Every hash is a photo the account uploaded itself. */
        public boolean allOwn() {
            return notStored.isEmpty() && othersPhotos.isEmpty();
        }
    }

    /** Who may read a hash: whether an observation readable by the caller references it, and whether the caller wrote one. */
    public record Readers(boolean readable, boolean authored) {
    }

    public Optional<Stored> find(String sha256) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT sha256, media_type, bytes, width, height, created_at FROM attachment WHERE sha256 = ?")) {
            ps.setString(1, sha256);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(stored(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Inserts the row and records {@code actor} as holding the bytes, in one statement (one commit
     * per upload); false when a concurrent upload of the same bytes inserted the row first.
     */
    public boolean insert(Stored s, String actor) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     WITH created AS (
                         INSERT INTO attachment (sha256, media_type, bytes, width, height, created_at, created_by)
                         VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING RETURNING sha256),
                     held AS (
                         INSERT INTO attachment_holder (sha256, actor) VALUES (?, ?) ON CONFLICT DO NOTHING)
                     SELECT count(*) FROM created""")) {
            ps.setString(1, s.sha256());
            ps.setString(2, s.mediaType());
            ps.setLong(3, s.bytes());
            ps.setInt(4, s.width());
            ps.setInt(5, s.height());
            ps.setObject(6, s.createdAt());
            ps.setString(7, actor);
            ps.setString(8, s.sha256());
            ps.setString(9, actor);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getInt(1) == 1;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Records that {@code actor} has sent the bytes of a stored photo (idempotent). */
    public void holds(String sha256, String actor) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "INSERT INTO attachment_holder (sha256, actor) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            ps.setString(1, sha256);
            ps.setString(2, actor);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The hashes among {@code hashes} that {@code actor} has not sent (not stored, or stored from
     * someone else's upload), in the given order; one query.
     */
    public Set<String> missingFrom(String actor, Collection<String> hashes) {
        return absent(hashes, "SELECT sha256 FROM attachment_holder WHERE actor = ? AND sha256 = ANY(?)", actor);
    }

    /**
     * The one rule for citing photos by hash (Open311's {@code media_url}, a citizen's push): which of {@code hashes}
     * {@code actor} uploaded itself, which are not stored yet, and which are someone else's, in the given order; one
     * query.
     */
    public Provenance provenance(String actor, Collection<String> hashes) {
        Set<String> stored = new LinkedHashSet<>();
        Set<String> held = new LinkedHashSet<>();
        if (!hashes.isEmpty()) {
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                    SELECT a.sha256, EXISTS (SELECT 1 FROM attachment_holder h WHERE h.sha256 = a.sha256 AND h.actor = ?)
                    FROM attachment a WHERE a.sha256 = ANY(?)""")) {
                ps.setString(1, actor);
                ps.setArray(2, c.createArrayOf("text", hashes.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        stored.add(rs.getString(1));
                        if (rs.getBoolean(2)) {
                            held.add(rs.getString(1));
                        }
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        Set<String> notStored = new LinkedHashSet<>();
        Set<String> others = new LinkedHashSet<>();
        for (String h : hashes) {
            if (!stored.contains(h)) {
                notStored.add(h);
            } else if (!held.contains(h)) {
                others.add(h);
            }
        }
        return new Provenance(notStored, others);
    }

    /** The hashes among {@code hashes} that are not stored, in the given order; one query. */
    public Set<String> missing(Collection<String> hashes) {
        return absent(hashes, "SELECT sha256 FROM attachment WHERE sha256 = ANY(?)", null);
    }

    /** {@code hashes} minus those {@code sql} returns ({@code actor} bound first when given). */
    private Set<String> absent(Collection<String> hashes, String sql, String actor) {
        Set<String> missing = new LinkedHashSet<>();
        if (hashes.isEmpty()) {
            return missing;
        }
        Set<String> stored = new LinkedHashSet<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (actor != null) {
                ps.setString(i++, actor);
            }
            ps.setArray(i, c.createArrayOf("text", hashes.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stored.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        for (String h : hashes) {
            if (!stored.contains(h)) {
                missing.add(h);
            }
        }
        return missing;
    }

    /**
     * Whether an observation the caller may read references {@code sha256}: supervisors and admins
     * read every observation, everybody else their own, and only photos whose bytes they have sent
     * (a hash learnt elsewhere opens nothing). Uses the GIN index on photos.
     */
    public Readers readers(String sha256, String actor, boolean readsAll) {
        String sql = "SELECT count(*) > 0, coalesce(bool_or(author = ?), false) FROM observation WHERE photos @> ?::jsonb"
                + (readsAll ? "" : " AND author = ? AND EXISTS (SELECT 1 FROM attachment_holder h WHERE h.sha256 = ? AND h.actor = ?)");
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, actor);
            ps.setString(2, reference(sha256));
            if (!readsAll) {
                ps.setString(3, actor);
                ps.setString(4, sha256);
                ps.setString(5, actor);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Readers(rs.getBoolean(1), rs.getBoolean(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether a supervisor approved this photo for the public (citizen photo moderation). */
    public boolean approved(String sha256) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT 1 FROM photo_moderation WHERE sha256 = ? AND decision = 'APPROVED'")) {
            ps.setString(1, sha256);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The containment pattern of "references this hash"; {@code sha256} is validated hex, so no escaping is needed. */
    static String reference(String sha256) {
        return "[{\"sha256\":\"" + sha256 + "\"}]";
    }

    private static Stored stored(ResultSet rs) throws SQLException {
        return new Stored(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getInt(4), rs.getInt(5),
                rs.getObject(6, OffsetDateTime.class));
    }
}
