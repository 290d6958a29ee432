package mx.implan.brujula.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The dead-letter table: events consumers gave up on, kept with their reason until an admin acts. */
@ApplicationScoped
public class DeadLetters {

    /** Which dead letters a listing shows. */
    public enum State { OPEN, RESOLVED, ALL }

    private static final String COLUMNS = "id, consumer, event_id, event_type, aggregate_type, aggregate_id, occurred_at, payload, "
            + "reason, attempts, origin, failed_at, resolved_at, resolution";

    @Inject
    EntityManager em;

    /** One failure; the same open event for the same consumer adds its attempts to the existing letter. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void record(String consumer, DomainEvent event, String rawPayload, String reason, int attempts, String origin) {
        em.createNativeQuery("""
                        INSERT INTO dead_letter (consumer, event_id, event_type, aggregate_type, aggregate_id, occurred_at, payload,
                                                 reason, attempts, origin)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
                        ON CONFLICT (consumer, event_id) WHERE resolved_at IS NULL AND event_id IS NOT NULL
                        DO UPDATE SET attempts = dead_letter.attempts + EXCLUDED.attempts, reason = EXCLUDED.reason,
                                      origin = EXCLUDED.origin, failed_at = now()""")
                .setParameter(1, consumer)
                .setParameter(2, event == null ? null : event.id())
                .setParameter(3, event == null ? null : event.type())
                .setParameter(4, event == null ? null : event.aggregateType())
                .setParameter(5, event == null ? null : event.aggregateId())
                .setParameter(6, event == null ? null : event.occurredAt())
                .setParameter(7, event == null ? rawPayload : event.data().toString())
                .setParameter(8, truncate(reason))
                .setParameter(9, attempts)
                .setParameter(10, origin)
                .executeUpdate();
    }

    /** Newest first, keyset by id ({@code before}: ids below it). */
    @Transactional
    public List<DeadLetter> list(State state, Optional<String> consumer, Optional<Long> before, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM dead_letter WHERE true");
        if (state == State.OPEN) {
            sql.append(" AND resolved_at IS NULL");
        } else if (state == State.RESOLVED) {
            sql.append(" AND resolved_at IS NOT NULL");
        }
        consumer.ifPresent(c -> sql.append(" AND consumer = :consumer"));
        before.ifPresent(b -> sql.append(" AND id < :before"));
        sql.append(" ORDER BY id DESC LIMIT :limit");
        var query = em.createNativeQuery(sql.toString()).setParameter("limit", limit);
        consumer.ifPresent(c -> query.setParameter("consumer", c));
        before.ifPresent(b -> query.setParameter("before", b));
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        List<DeadLetter> letters = new ArrayList<>(rows.size());
        rows.forEach(r -> letters.add(toLetter(r)));
        return letters;
    }

    @Transactional
    public Optional<DeadLetter> get(long id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT " + COLUMNS + " FROM dead_letter WHERE id = ?1").setParameter(1, id).getResultList();
        return rows.stream().findFirst().map(DeadLetters::toLetter);
    }

    /** Closes an open letter; false when it was not open (already resolved by someone else). */
    @Transactional(Transactional.TxType.MANDATORY)
    boolean resolve(long id, String resolution) {
        return em.createNativeQuery("UPDATE dead_letter SET resolved_at = now(), resolution = ?2 WHERE id = ?1 AND resolved_at IS NULL")
                .setParameter(1, id).setParameter(2, resolution).executeUpdate() == 1;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void addAttempt(long id, String reason) {
        em.createNativeQuery("UPDATE dead_letter SET attempts = attempts + 1, reason = ?2, failed_at = now() WHERE id = ?1")
                .setParameter(1, id).setParameter(2, truncate(reason)).executeUpdate();
    }

    @Transactional
    public long open() {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM dead_letter WHERE resolved_at IS NULL").getSingleResult()).longValue();
    }

    private static String truncate(String reason) {
        String r = reason == null ? "unknown" : reason;
        return r.length() > 2000 ? r.substring(0, 2000) + "…" : r;
    }

    private static DeadLetter toLetter(Object[] r) {
        return new DeadLetter(((Number) r[0]).longValue(), (String) r[1], r[2] == null ? null : ((Number) r[2]).longValue(),
                (String) r[3], (String) r[4], (String) r[5], time(r[6]), (String) r[7], (String) r[8], ((Number) r[9]).intValue(),
                (String) r[10], time(r[11]), time(r[12]), (String) r[13]);
    }

    private static OffsetDateTime time(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime o) {
            return o;
        }
        if (value instanceof java.time.Instant i) {
            return i.atOffset(ZoneOffset.UTC);
        }
        return ((java.sql.Timestamp) value).toInstant().atOffset(ZoneOffset.UTC);
    }
}
