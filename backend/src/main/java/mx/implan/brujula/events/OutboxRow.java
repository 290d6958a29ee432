package mx.implan.brujula.events;

import java.time.OffsetDateTime;

/** An outbox row as the relay reads it; {@code payload} is the event's JSON text. */
record OutboxRow(long id, String aggregateType, String aggregateId, String eventType, String payload,
                 OffsetDateTime createdAt) {
}
