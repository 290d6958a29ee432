package mx.implan.brujula.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The relay's reads and writes of the outbox. Rows are claimed with {@code FOR UPDATE SKIP LOCKED},
 * so several backend instances relay side by side without publishing a row twice; a row whose
 * aggregate has an earlier row still unpublished outside this batch (locked by another instance,
 * or not committed yet when that instance read) waits, so each aggregate's events leave in order.
 */
@ApplicationScoped
class OutboxRows {

    private static final String CLAIM = """
            WITH batch AS (
                SELECT id FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT ?1 FOR UPDATE SKIP LOCKED
            )
            SELECT o.id, o.aggregate_type, o.aggregate_id, o.event_type, CAST(o.payload AS text), o.created_at
            FROM outbox o JOIN batch b ON b.id = o.id
            WHERE NOT EXISTS (
                SELECT 1 FROM outbox e
                WHERE e.published_at IS NULL AND e.aggregate_type = o.aggregate_type AND e.aggregate_id = o.aggregate_id
                  AND e.id < o.id AND e.id NOT IN (SELECT id FROM batch))
            ORDER BY o.id""";

    @Inject
    EntityManager em;

    /** Up to {@code limit} rows to publish, oldest first, locked until the caller's transaction ends. */
    @Transactional(Transactional.TxType.MANDATORY)
    List<OutboxRow> claim(int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(CLAIM).setParameter(1, limit).getResultList();
        List<OutboxRow> claimed = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            claimed.add(new OutboxRow(((Number) r[0]).longValue(), (String) r[1], (String) r[2], (String) r[3],
                    (String) r[4], toOffset(r[5])));
        }
        return claimed;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void markPublished(List<OutboxRow> rows) {
        Long[] ids = rows.stream().map(OutboxRow::id).toArray(Long[]::new);
        em.createNativeQuery("UPDATE outbox SET published_at = now() WHERE id = ANY(?1)")
                .setParameter(1, ids).executeUpdate();
    }

    /** Rows not yet published (for status and tests). */
    @Transactional
    long unpublished() {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM outbox WHERE published_at IS NULL").getSingleResult()).longValue();
    }

    private static OffsetDateTime toOffset(Object value) {
        if (value instanceof OffsetDateTime o) {
            return o;
        }
        if (value instanceof java.time.Instant i) {
            return i.atOffset(java.time.ZoneOffset.UTC);
        }
        return ((java.sql.Timestamp) value).toInstant().atOffset(java.time.ZoneOffset.UTC);
    }
}
