package mx.implan.brujula.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Which events each consumer has applied, written in the transaction of the effect. */
@ApplicationScoped
class ProcessedEvents {

    @Inject
    EntityManager em;

    /**
     * Records the event for the consumer; false when it was already recorded (a redelivery), in
     * which case the caller does nothing. A concurrent claim of the same pair waits for the other
     * transaction and then sees its row.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    boolean claim(String consumer, long eventId) {
        return em.createNativeQuery("INSERT INTO processed_event (consumer, event_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
                .setParameter(1, consumer).setParameter(2, eventId).executeUpdate() == 1;
    }

    /** As {@link #claim} for several events in one statement; returns the ones claimed now. */
    @Transactional(Transactional.TxType.MANDATORY)
    Set<Long> claimAll(String consumer, Collection<Long> eventIds) {
        if (eventIds.isEmpty()) {
            return Set.of();
        }
        String ids = eventIds.stream().map(String::valueOf).collect(Collectors.joining(","));
        @SuppressWarnings("unchecked")
        List<Number> claimed = em.createNativeQuery("INSERT INTO processed_event (consumer, event_id)"
                        + " SELECT :consumer, unnest(CAST(string_to_array(:ids, ',') AS bigint[])) ON CONFLICT DO NOTHING RETURNING event_id")
                .setParameter("consumer", consumer).setParameter("ids", ids).getResultList();
        return claimed.stream().map(Number::longValue).collect(Collectors.toSet());
    }

    /**
     * Sets {@code processed_at} of rows this transaction claimed to now, at its end: a batch's claims
     * come first (they lock), its effects after, so the time its effects are complete is read here,
     * not at the transaction's start. Lag figures (docs/benchmarks.md) read it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    void stamp(String consumer, List<Long> eventIds) {
        em.createNativeQuery("UPDATE processed_event SET processed_at = clock_timestamp() WHERE consumer = :consumer AND event_id IN (:ids)")
                .setParameter("consumer", consumer).setParameter("ids", eventIds).executeUpdate();
    }

    /** This transaction's commit does not wait for its WAL to reach the disk (see EventDispatcher). */
    @Transactional(Transactional.TxType.MANDATORY)
    void relaxCommit() {
        em.createNativeQuery("SET LOCAL synchronous_commit TO OFF").executeUpdate();
    }
}
