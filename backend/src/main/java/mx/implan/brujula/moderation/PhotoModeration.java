package mx.implan.brujula.moderation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import mx.implan.brujula.audit.AuditTrail;
import mx.implan.brujula.auth.Actor;
import mx.implan.brujula.http.ApiProblem;
import mx.implan.brujula.http.QueryParams;
import mx.implan.brujula.model.Page;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Moderation of citizen photos: photos referenced by observations that citizens wrote (Open311
 * requests, anonymous or with an account, and citizen accounts' own pushes). A supervisor approves
 * or rejects each one; the decision is audited on every observation that references the photo, so
 * it shows in that observation's history.
 */
@ApplicationScoped
@Transactional
public class PhotoModeration {

    /** An observation written by a citizen: an Open311 report, an anonymous reporter, or a citizen account. */
    static final String CITIZEN_AUTHORED = """
            (EXISTS (SELECT 1 FROM citizen_report r WHERE r.observation_id = o.id)
             OR o.author LIKE 'citizen:anon:%'
             OR EXISTS (SELECT 1 FROM app_user u WHERE u.username = o.author AND u.role = 'citizen'))""";
    private static final String CURSOR_LIST = "moderation";
    private static final int MAX_REASON = 2000;

    @Inject
    EntityManager em;
    @Inject
    AuditTrail audit;

    /** One citizen photo, the observations that reference it and where it stands. */
    public record Photo(String sha256, String mediaType, long bytes, OffsetDateTime uploadedAt, PhotoDecision decision,
                        String reason, String decidedBy, OffsetDateTime decidedAt, List<UUID> observationIds) {
    }

    /** Stored citizen photos with this decision (PENDING: none yet), oldest upload first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<Photo> list(PhotoDecision decision, int limit, String cursor, Locale locale) {
        String after = QueryParams.decodeCursor(CURSOR_LIST, cursor, locale).orElse(null);
        String[] key = after == null ? null : after.split("\\|", 2);
        if (key != null && (key.length != 2 || !key[1].matches("[0-9a-f]{64}"))) {
            throw QueryParams.invalid("cursor", "INVALID_CURSOR", locale, "The cursor is not valid");
        }
        String sql = """
                WITH refs AS (
                  SELECT p ->> 'sha256' AS sha256, o.id, o.received_at
                  FROM observation o CROSS JOIN LATERAL jsonb_array_elements(o.photos) p
                  WHERE jsonb_typeof(o.photos) = 'array' AND """ + CITIZEN_AUTHORED + """
                )
                SELECT a.sha256, a.media_type, a.bytes, %s, coalesce(m.decision, 'PENDING'), m.reason, m.decided_by,
                       %s, string_agg(DISTINCT refs.id::text, ',')
                FROM refs JOIN attachment a ON a.sha256 = refs.sha256
                LEFT JOIN photo_moderation m ON m.sha256 = a.sha256
                WHERE coalesce(m.decision, 'PENDING') = ?1 %s
                GROUP BY a.sha256, a.media_type, a.bytes, a.created_at, m.decision, m.reason, m.decided_by, m.decided_at
                ORDER BY a.created_at, a.sha256
                LIMIT ?2""".formatted(utc("a.created_at"), utc("m.decided_at"),
                key == null ? "" : "AND (a.created_at, a.sha256::text) > (CAST(?3 AS timestamptz), ?4)");
        Query query = em.createNativeQuery(sql).setParameter(1, decision.name()).setParameter(2, limit + 1);
        if (key != null) {
            query.setParameter(3, key[0]).setParameter(4, key[1]);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        List<Photo> photos = new ArrayList<>();
        for (Object[] r : rows.subList(0, Math.min(limit, rows.size()))) {
            photos.add(photo(r));
        }
        String next = null;
        if (rows.size() > limit) {
            Photo last = photos.get(photos.size() - 1);
            next = QueryParams.encodeCursor(CURSOR_LIST, last.uploadedAt() + "|" + last.sha256());
        }
        return new Page<>(photos, next);
    }

    /**
     * Sets the decision on a citizen photo; the same decision again changes nothing. 404 when no
     * citizen observation references the hash or the photo has not arrived (nothing to look at).
     */
    public Photo decide(Actor actor, String sha256, PhotoDecision decision, String reason) {
        List<UUID> observations = citizenObservations(sha256);
        if (observations.isEmpty() || !stored(sha256)) {
            throw ApiProblem.notFound("PHOTO_NOT_MODERATED", "Photo {0} is not from a citizen report or has not arrived yet", sha256);
        }
        @SuppressWarnings("unchecked")
        List<String> prior = em.createNativeQuery("SELECT decision FROM photo_moderation WHERE sha256 = ?1 FOR UPDATE")
                .setParameter(1, sha256).getResultList();
        PhotoDecision before = prior.isEmpty() ? PhotoDecision.PENDING : PhotoDecision.valueOf(prior.get(0));
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        if (before != decision) {
            em.createNativeQuery("""
                            INSERT INTO photo_moderation (sha256, decision, reason, decided_by, decided_at)
                            VALUES (?1, ?2, ?3, ?4, clock_timestamp())
                            ON CONFLICT (sha256) DO UPDATE SET decision = EXCLUDED.decision, reason = EXCLUDED.reason,
                              decided_by = EXCLUDED.decided_by, decided_at = EXCLUDED.decided_at""")
                    .setParameter(1, sha256).setParameter(2, decision.name()).setParameter(3, why)
                    .setParameter(4, actor.name()).executeUpdate();
            for (UUID id : observations) {
                audit.record(actor.name(), "photo.moderated", "observation", id.toString(),
                        state(sha256, before, null), state(sha256, decision, why));
            }
        }
        return find(sha256);
    }

    /** Maximum length of a decision's reason. */
    public static int maxReason() {
        return MAX_REASON;
    }

    private Photo find(String sha256) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT a.sha256, a.media_type, a.bytes, %s, coalesce(m.decision, 'PENDING'), m.reason, m.decided_by, %s, ''
                        FROM attachment a LEFT JOIN photo_moderation m ON m.sha256 = a.sha256 WHERE a.sha256 = ?1"""
                        .formatted(utc("a.created_at"), utc("m.decided_at")))
                .setParameter(1, sha256).getResultList();
        Photo p = photo(rows.get(0));
        return new Photo(p.sha256(), p.mediaType(), p.bytes(), p.uploadedAt(), p.decision(), p.reason(), p.decidedBy(),
                p.decidedAt(), citizenObservations(sha256));
    }

    private List<UUID> citizenObservations(String sha256) {
        @SuppressWarnings("unchecked")
        List<Object> ids = em.createNativeQuery("SELECT o.id::text FROM observation o WHERE o.photos @> CAST(?1 AS jsonb) AND "
                        + CITIZEN_AUTHORED + " ORDER BY o.received_at, o.id")
                .setParameter(1, "[{\"sha256\":\"" + sha256 + "\"}]").getResultList();
        return ids.stream().map(id -> UUID.fromString(id.toString())).toList();
    }

    private boolean stored(String sha256) {
        return !em.createNativeQuery("SELECT 1 FROM attachment WHERE sha256 = ?1").setParameter(1, sha256).getResultList().isEmpty();
    }

    private static Map<String, Object> state(String sha256, PhotoDecision decision, String reason) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("photo", sha256);
        state.put("decision", decision.name());
        if (reason != null) {
            state.put("reason", reason);
        }
        return state;
    }

    private static String utc(String column) {
        return "to_char(" + column + " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')";
    }

    private static Photo photo(Object[] r) {
        List<UUID> ids = r[8] == null || r[8].toString().isEmpty() ? List.of()
                : Arrays.stream(r[8].toString().split(",")).map(UUID::fromString).sorted().toList();
        return new Photo(r[0].toString().strip(), (String) r[1], ((Number) r[2]).longValue(), time(r[3]),
                PhotoDecision.valueOf((String) r[4]), (String) r[5], (String) r[6], time(r[7]), ids);
    }

    private static OffsetDateTime time(Object value) {
        return value == null ? null : OffsetDateTime.parse(value.toString());
    }
}
