package mx.implan.brujula.events;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.OffsetDateTime;

/**
 * An event a consumer could not process, as admins see it.
 *
 * @param consumer   the projector's name, or {@code pipeline} for a message that is not a readable event
 * @param origin     where it came from: {@code in-process}, or {@code topic/partition@offset} on Kafka
 * @param resolution {@code RETRIED} (applied on an admin's retry) or {@code DISCARDED}; null while open
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeadLetter(long id, String consumer, Long eventId, String eventType, String aggregateType,
                         String aggregateId, OffsetDateTime occurredAt, String payload, String reason, int attempts,
                         String origin, OffsetDateTime failedAt, OffsetDateTime resolvedAt, String resolution) {
}
