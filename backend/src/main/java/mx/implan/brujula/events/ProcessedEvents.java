package mx.implan.brujula.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

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

    /** This transaction's commit does not wait for its WAL to reach the disk (see EventDispatcher). */
    @Transactional(Transactional.TxType.MANDATORY)
    void relaxCommit() {
        em.createNativeQuery("SET LOCAL synchronous_commit TO OFF").executeUpdate();
    }
}
