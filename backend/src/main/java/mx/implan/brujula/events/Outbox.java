package mx.implan.brujula.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Writes domain events in the caller's transaction, so an event exists exactly when the change it
 * describes was committed. A relay publishes them to the messaging channel (events issue).
 */
@ApplicationScoped
public class Outbox {

    @Transactional(Transactional.TxType.MANDATORY)
    public void append(String aggregateType, String aggregateId, String eventType, String payloadJson) {
        OutboxEntity event = new OutboxEntity();
        event.aggregateType = aggregateType;
        event.aggregateId = aggregateId;
        event.eventType = eventType;
        event.payload = payloadJson;
        event.persist();
    }
}
