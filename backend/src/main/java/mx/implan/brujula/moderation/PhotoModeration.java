package mx.implan.brujula.moderation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * Moderation of citizen media: photos referenced by observations that citizens wrote (Open311
 * requests, anonymous or with an account, and citizen accounts' own pushes), and the external
 * links Open311 reports carry as {@code media_url} (never fetched). A supervisor approves or
 * rejects each one; the decision is audited on every observation that references it, so it shows in
 * that observation's history. Each item says where it came from, per observation: sent with the
 * report, uploaded by the reporting account, an external link — or referenced by a reporter who
 * never sent the photo (a hash learnt elsewhere), which can only be rejected, never made public.
 */
@ApplicationScoped
@Transactional
public class PhotoModeration {

    /** An observation written by a citizen: an Open311 report, an anonymous reporter, or a citizen account. */
    static final String CITIZEN_AUTHORED = """
            (EXISTS (SELECT 1 FROM citizen_report r WHERE r.observation_id = o.id)
             OR o.author LIKE 'citizen:anon:%'
             OR EXISTS (SELECT 1 FROM app_user u WHERE u.username = o.author AND u.role = 'citizen'))""";
    /** Every moderated item (photos and links) with its state and origins, one row each. */
    private static final String ITEMS = """
            WITH refs AS (
              SELECT p ->> 'sha256' AS sha256, o.id, o.author
              FROM observation o CROSS JOIN LATERAL jsonb_array_elements(o.photos) p
              WHERE jsonb_typeof(o.photos) = 'array' AND %s
            ), items AS (
              SELECT 'PHOTO' AS kind, a.sha256::text AS id, a.media_type, a.bytes, a.created_at,
                     coalesce(m.decision, 'PENDING') AS decision, m.reason, m.decided_by, m.decided_at,
                     string_agg(DISTINCT refs.id::text, ',') AS observations,
                     json_agg(json_build_object('observationId', refs.id,
                         'origin', coalesce(cp.origin, CASE WHEN h.actor IS NULL THEN '%s' ELSE '%s' END),
                         'account', coalesce(cp.uploaded_by, refs.author)) ORDER BY refs.id)::text AS origins,
                     NULL::text AS url
              FROM refs JOIN attachment a ON a.sha256 = refs.sha256
              LEFT JOIN photo_moderation m ON m.sha256 = a.sha256
              LEFT JOIN citizen_report_photo cp ON cp.observation_id = refs.id AND cp.sha256 = refs.sha256
              LEFT JOIN attachment_holder h ON h.sha256 = refs.sha256 AND h.actor = refs.author
              GROUP BY a.sha256, a.media_type, a.bytes, a.created_at, m.decision, m.reason, m.decided_by, m.decided_at
              UNION ALL
              SELECT 'LINK', l.url_sha256::text, NULL, NULL, l.created_at,
                     coalesce(l.decision, 'PENDING'), l.reason, l.decided_by, l.decided_at,
                     string_agg(DISTINCT rl.observation_id::text, ','),
                     json_agg(json_build_object('observationId', rl.observation_id, 'origin', '%s',
                         'account', r.reporter) ORDER BY rl.observation_id)::text,
                     l.url
              FROM citizen_media_link l JOIN citizen_report_link rl ON rl.url_sha256 = l.url_sha256
              JOIN citizen_report r ON r.observation_id = rl.observation_id
              GROUP BY l.url_sha256, l.url, l.created_at, l.decision, l.reason, l.decided_by, l.decided_at
            )
            SELECT kind, id, media_type, bytes, %s, decision, reason, decided_by, %s, observations, origins, url
            FROM items
            """.formatted(CITIZEN_AUTHORED, Origin.NOT_SENT_BY_REPORTER, Origin.ACCOUNT_UPLOAD, Origin.EXTERNAL_LINK,
            utc("created_at"), utc("decided_at"));
    private static final String CURSOR_LIST = "moderation";
    private static final int MAX_REASON = 2000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EntityManager em;
    @Inject
    AuditTrail audit;

    /** A stored photo, or an external link (a report's media_url, never fetched). */
    public enum Kind { PHOTO, LINK }

    /** Where an item came from for one observation that references it. */
    public enum Origin {
        /** Sent inside the Open311 request (a media part). */
        REPORT_MEDIA,
        /** Uploaded by the account (or anonymous reporter) that reports it. */
        ACCOUNT_UPLOAD,
        /** An external media_url, never fetched by the server. */
        EXTERNAL_LINK,
        /** Referenced by a reporter who never sent its bytes: it cannot be approved. */
        NOT_SENT_BY_REPORTER
    }

    /** One observation's reference to an item: where the item came from, and by whom. */
    public record Source(UUID observationId, Origin origin, String account) {
    }

    /**
     * One citizen photo or link, the observations that reference it and where it stands. {@code sha256}
     * identifies the item: the photo's hash, or for a link the SHA-256 of its URL.
     */
    public record Photo(String sha256, Kind kind, String url, String mediaType, Long bytes, OffsetDateTime uploadedAt,
                        PhotoDecision decision, String reason, String decidedBy, OffsetDateTime decidedAt,
                        List<UUID> observationIds, List<Source> origins) {
    }

    /** Citizen photos and links with this decision (PENDING: none yet), oldest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<Photo> list(PhotoDecision decision, int limit, String cursor, Locale locale) {
        String after = QueryParams.decodeCursor(CURSOR_LIST, cursor, locale).orElse(null);
        String[] key = after == null ? null : after.split("\\|", 2);
        if (key != null && (key.length != 2 || !key[1].matches("[0-9a-f]{64}"))) {
            throw QueryParams.invalid("cursor", "INVALID_CURSOR", locale, "The cursor is not valid");
        }
        OffsetDateTime afterTime = null;
        if (key != null) {
            try {
                afterTime = OffsetDateTime.parse(key[0]);
            } catch (java.time.format.DateTimeParseException e) {
                throw QueryParams.invalid("cursor", "INVALID_CURSOR", locale, "The cursor is not valid");
            }
        }
        String sql = ITEMS + " WHERE decision = ?1" + (key == null ? "" : " AND (created_at, id) > (?3, ?4)")
                + " ORDER BY created_at, id LIMIT ?2";
        Query query = em.createNativeQuery(sql).setParameter(1, decision.name()).setParameter(2, limit + 1);
        if (key != null) {
            query.setParameter(3, afterTime).setParameter(4, key[1]);
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
     * Sets the decision on a citizen photo or link; the same decision again changes nothing. 404 when
     * nothing citizen-reported has this id (or the photo has not arrived: nothing to look at); 409
     * when approving a photo that no reporter referencing it ever sent.
     */
    public Photo decide(Actor actor, String id, PhotoDecision decision, String reason) {
        Photo item = find(id).orElseThrow(() ->
                ApiProblem.notFound("PHOTO_NOT_MODERATED", "Photo {0} is not from a citizen report or has not arrived yet", id));
        if (decision == PhotoDecision.APPROVED && item.origins().stream().allMatch(s -> s.origin() == Origin.NOT_SENT_BY_REPORTER)) {
            throw ApiProblem.conflict("PHOTO_NOT_FROM_REPORTER",
                    "Photo {0} was never sent by a reporter that references it: it can be rejected, not published", id);
        }
        String table = item.kind() == Kind.PHOTO ? "photo_moderation" : "citizen_media_link";
        String column = item.kind() == Kind.PHOTO ? "sha256" : "url_sha256";
        @SuppressWarnings("unchecked")
        List<String> prior = em.createNativeQuery("SELECT decision FROM " + table + " WHERE " + column + " = ?1 FOR UPDATE")
                .setParameter(1, id).getResultList();
        PhotoDecision before = prior.isEmpty() || prior.get(0) == null ? PhotoDecision.PENDING : PhotoDecision.valueOf(prior.get(0));
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        if (before != decision) {
            if (item.kind() == Kind.PHOTO) {
                em.createNativeQuery("""
                                INSERT INTO photo_moderation (sha256, decision, reason, decided_by, decided_at)
                                VALUES (?1, ?2, ?3, ?4, clock_timestamp())
                                ON CONFLICT (sha256) DO UPDATE SET decision = EXCLUDED.decision, reason = EXCLUDED.reason,
                                  decided_by = EXCLUDED.decided_by, decided_at = EXCLUDED.decided_at""")
                        .setParameter(1, id).setParameter(2, decision.name()).setParameter(3, why)
                        .setParameter(4, actor.name()).executeUpdate();
            } else {
                em.createNativeQuery("""
                                UPDATE citizen_media_link SET decision = ?2, reason = ?3, decided_by = ?4, decided_at = clock_timestamp()
                                WHERE url_sha256 = ?1""")
                        .setParameter(1, id).setParameter(2, decision.name()).setParameter(3, why)
                        .setParameter(4, actor.name()).executeUpdate();
            }
            for (UUID observation : item.observationIds()) {
                audit.record(actor.name(), item.kind() == Kind.PHOTO ? "photo.moderated" : "media-link.moderated", "observation",
                        observation.toString(), state(item, before, null), state(item, decision, why));
            }
        }
        return find(id).orElseThrow();
    }

    /** Maximum length of a decision's reason. */
    public static int maxReason() {
        return MAX_REASON;
    }

    private java.util.Optional<Photo> find(String id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(ITEMS + " WHERE id = ?1").setParameter(1, id).getResultList();
        return rows.stream().findFirst().map(PhotoModeration::photo);
    }

    private static Map<String, Object> state(Photo item, PhotoDecision decision, String reason) {
        Map<String, Object> state = new LinkedHashMap<>();
        if (item.kind() == Kind.PHOTO) {
            state.put("photo", item.sha256());
        } else {
            state.put("link", item.url());
        }
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
        List<UUID> ids = r[9] == null || r[9].toString().isEmpty() ? List.of()
                : Arrays.stream(r[9].toString().split(",")).map(UUID::fromString).sorted().toList();
        List<Source> origins;
        try {
            origins = r[10] == null ? List.of() : JSON.readValue(r[10].toString(), new TypeReference<List<Source>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable origins of " + r[1], e);
        }
        return new Photo(r[1].toString().strip(), Kind.valueOf((String) r[0]), (String) r[11], (String) r[2],
                r[3] == null ? null : ((Number) r[3]).longValue(), time(r[4]),
                PhotoDecision.valueOf((String) r[5]), (String) r[6], (String) r[7], time(r[8]), ids, origins);
    }

    private static OffsetDateTime time(Object value) {
        return value == null ? null : OffsetDateTime.parse(value.toString());
    }
}
