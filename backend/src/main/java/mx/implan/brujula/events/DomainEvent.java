package mx.implan.brujula.events;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.OffsetDateTime;

/**
 * One outbox row as its consumers see it. {@code id} is the outbox id: it is also the CloudEvents
 * {@code id}, so a consumer that records it can tell a redelivery from a new event.
 * {@code data} is the aggregate's state after the change (for an observation, its wire form with
 * {@code rev}, {@code status} and {@code flags}), never a diff: applying the latest state by
 * {@code rev} makes consumers indifferent to redelivery and to order across aggregates.
 *
 * @param type          e.g. {@code observation.created}, {@code observation.updated},
 *                      {@code observation.status-changed}, {@code work.upserted}
 * @param aggregateType {@code observation} or {@code work}
 */
public record DomainEvent(long id, String type, String aggregateType, String aggregateId,
                          OffsetDateTime occurredAt, JsonNode data) {
}
