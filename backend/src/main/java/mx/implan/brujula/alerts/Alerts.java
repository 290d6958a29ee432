package mx.implan.brujula.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import mx.implan.brujula.audit.AuditTrail;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code alert} table. Every insert first takes one advisory lock held until commit, so alerts
 * commit in id order and a reader that asks for "ids above the last one I saw" (the stream, on any
 * instance) never skips one that committed late.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class Alerts {

    /** Advisory lock key ("brujalrt"), distinct from the feed's and the demo loader's. */
    public static final long INSERT_LOCK = 0x6272756a_616c7274L;
    private static final String COLUMNS = "id, kind, severity, subject_type, subject_id, zone_id, details::text, created_at, "
            + "acknowledged_at, acknowledged_by";

    /** An alert to record. */
    public record NewAlert(AlertKind kind, int severity, String subjectType, UUID subjectId, String zoneId, ObjectNode details) {
    }

    /** A list request, already validated. */
    public record Filter(Optional<AlertKind> kind, Optional<Boolean> acknowledged, Optional<String> zone,
                         Optional<OffsetDateTime> since) {
    }

    @Inject
    EntityManager em;
    @Inject
    ObjectMapper json;
    @Inject
    AuditTrail audit;

    /** Records the alert in the caller's transaction; empty when this risk already has an alert of this kind. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Long> raise(NewAlert a) {
        return raiseAll(List.of(a)).stream().findFirst();
    }

    /**
     * Records the alerts in the caller's transaction, in one insert; returns the ids of the new
     * ones (a risk that already has an alert of the kind gets none).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Long> raiseAll(List<NewAlert> raised) {
        if (raised.isEmpty()) {
            return List.of();
        }
        ArrayNode rows = json.createArrayNode();
        for (NewAlert a : raised) {
            ObjectNode r = rows.addObject();
            r.put("ord", rows.size());
            r.put("kind", a.kind().name());
            r.put("severity", Math.max(1, Math.min(5, a.severity())));
            r.put("subject_type", a.subjectType());
            r.put("subject_id", a.subjectId().toString());
            r.put("zone_id", a.zoneId());
            r.set("details", a.details());
        }
        em.createNativeQuery("SELECT CAST(pg_advisory_xact_lock(" + INSERT_LOCK + ") AS text)").getSingleResult();
        @SuppressWarnings("unchecked")
        List<Object> ids = em.createNativeQuery("""
                        INSERT INTO alert (kind, severity, subject_type, subject_id, zone_id, details)
                        SELECT x.kind, CAST(x.severity AS smallint), x.subject_type, x.subject_id, x.zone_id, x.details
                        FROM jsonb_to_recordset(CAST(?1 AS jsonb))
                             AS x(ord integer, kind text, severity integer, subject_type text, subject_id uuid, zone_id text, details jsonb)
                        ORDER BY x.ord
                        ON CONFLICT DO NOTHING RETURNING id""")
                .setParameter(1, rows.toString())
                .getResultList();
        return ids.stream().map(id -> ((Number) id).longValue()).sorted().toList();
    }

    /** Newest first, keyset by id ({@code before}: ids below it). */
    public List<Alert> list(Filter f, Optional<Long> before, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM alert WHERE true");
        Map<String, Object> params = new LinkedHashMap<>();
        f.kind().ifPresent(k -> {
            sql.append(" AND kind = :kind");
            params.put("kind", k.name());
        });
        f.acknowledged().ifPresent(ack -> sql.append(ack ? " AND acknowledged_at IS NOT NULL" : " AND acknowledged_at IS NULL"));
        f.zone().ifPresent(z -> {
            sql.append(" AND zone_id = :zone");
            params.put("zone", z);
        });
        f.since().ifPresent(s -> {
            sql.append(" AND created_at >= :since");
            params.put("since", s);
        });
        before.ifPresent(b -> {
            sql.append(" AND id < :before");
            params.put("before", b);
        });
        sql.append(" ORDER BY id DESC LIMIT :limit");
        params.put("limit", limit);
        var query = em.createNativeQuery(sql.toString());
        params.forEach(query::setParameter);
        return alerts(query.getResultList());
    }

    public Optional<Alert> get(long id) {
        return alerts(em.createNativeQuery("SELECT " + COLUMNS + " FROM alert WHERE id = ?1").setParameter(1, id).getResultList())
                .stream().findFirst();
    }

    /** Alerts after {@code id}, oldest first: what a stream has not sent yet. */
    @Transactional
    public List<Alert> after(long id, int limit) {
        return alerts(em.createNativeQuery("SELECT " + COLUMNS + " FROM alert WHERE id > ?1 ORDER BY id LIMIT ?2")
                .setParameter(1, id).setParameter(2, limit).getResultList());
    }

    /** The newest alert's id (0 when there is none): where a stream without Last-Event-ID starts. */
    @Transactional
    public long latestId() {
        return ((Number) em.createNativeQuery("SELECT coalesce(max(id), 0) FROM alert").getSingleResult()).longValue();
    }

    /**
     * Marks the alert seen by {@code actor}, once: acknowledging again keeps the first who and when.
     * Audited. Empty for an unknown id.
     */
    @Transactional
    public Optional<Alert> acknowledge(long id, String actor) {
        int changed = em.createNativeQuery(
                        "UPDATE alert SET acknowledged_at = now(), acknowledged_by = ?2 WHERE id = ?1 AND acknowledged_at IS NULL")
                .setParameter(1, id).setParameter(2, actor).executeUpdate();
        Optional<Alert> alert = get(id);
        if (changed == 1 && alert.isPresent()) {
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("kind", alert.get().kind().name());
            after.put("acknowledgedAt", alert.get().acknowledgedAt().toString());
            if ("observation".equals(alert.get().subjectType())) {
                after.put(AuditTrail.OBSERVATION_ID, alert.get().subjectId().toString());
            }
            audit.record(actor, "alert.acknowledge", "alert", Long.toString(id), null, after);
        }
        return alert;
    }

    @SuppressWarnings("unchecked")
    private List<Alert> alerts(List<?> rows) {
        List<Alert> alerts = new ArrayList<>(rows.size());
        for (Object[] r : (List<Object[]>) rows) {
            AlertKind kind = AlertKind.valueOf((String) r[1]);
            JsonNode details = read((String) r[6]);
            alerts.add(new Alert(((Number) r[0]).longValue(), kind, ((Number) r[2]).intValue(), AlertTitles.of(kind, details),
                    (String) r[3], (UUID) r[4], (String) r[5], details, time(r[7]), time(r[8]), (String) r[9]));
        }
        return alerts;
    }

    private JsonNode read(String details) {
        try {
            return json.readTree(details);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("alert.details is not JSON", e);
        }
    }

    private static OffsetDateTime time(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime o) {
            return o.withOffsetSameInstant(ZoneOffset.UTC);
        }
        if (value instanceof Instant i) {
            return i.atOffset(ZoneOffset.UTC);
        }
        return ((java.sql.Timestamp) value).toInstant().atOffset(ZoneOffset.UTC);
    }
}
