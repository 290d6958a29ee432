package mx.implan.brujula.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.util.List;

/**
 * Writes domain events in the caller's transaction, so an event exists exactly when the change it
 * describes was committed; {@link OutboxRelay} publishes them (docs/events.md). Observation events
 * are appended by observations' store alone; reference data's through {@link ReferenceEvents}.
 */
@ApplicationScoped
public class Outbox {

    private static final String INSERT = "INSERT INTO outbox (aggregate_type, aggregate_id, event_type, payload) VALUES (?, ?, ?, ?::jsonb)";

    /** One event: what changed ({@code aggregateType}/{@code aggregateId}), how, and its state as JSON. */
    public record Event(String aggregateType, String aggregateId, String eventType, String payloadJson) {
    }

    @Inject
    EntityManager em;

    @Transactional(Transactional.TxType.MANDATORY)
    public void append(Event e) {
        OutboxEntity event = new OutboxEntity();
        event.aggregateType = e.aggregateType();
        event.aggregateId = e.aggregateId();
        event.eventType = e.eventType();
        event.payload = e.payloadJson();
        event.persist();
    }

    /** Many events in one JDBC batch (the push's batch of creates). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void appendAll(List<Event> events) {
        if (events.isEmpty()) {
            return;
        }
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                for (Event e : events) {
                    ps.setString(1, e.aggregateType());
                    ps.setString(2, e.aggregateId());
                    ps.setString(3, e.eventType());
                    ps.setString(4, e.payloadJson());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        });
    }
}
