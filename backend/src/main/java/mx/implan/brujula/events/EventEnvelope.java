package mx.implan.brujula.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.reactive.messaging.ce.CloudEventMetadata;

import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * Reads a {@link DomainEvent} from a CloudEvent's attributes and JSON data, wherever it came from
 * (the in-process channel or a Kafka record), or says why the message is not one.
 */
final class EventEnvelope {

    private EventEnvelope() {
    }

    /** Thrown for a message that is not a readable Brújula event (it becomes a dead letter). */
    static final class Unreadable extends Exception {
        Unreadable(String reason) {
            super(reason, null, false, false);
        }
    }

    static DomainEvent read(Optional<CloudEventMetadata<?>> attributes, Object payload, ObjectMapper json) throws Unreadable {
        CloudEventMetadata<?> ce = attributes.orElseThrow(() -> new Unreadable("no CloudEvents attributes (ce_id, ce_type…)"));
        long id;
        try {
            id = Long.parseLong(ce.getId());
        } catch (RuntimeException e) {
            throw new Unreadable("CloudEvents id is not an outbox id: " + ce.getId());
        }
        String type = ce.getType();
        int dot = type == null ? -1 : type.indexOf('.');
        if (dot <= 0) {
            throw new Unreadable("CloudEvents type is not <aggregate>.<change>: " + type);
        }
        String aggregateId = ce.getSubject().orElseThrow(() -> new Unreadable("CloudEvents subject (the aggregate id) is missing"));
        OffsetDateTime occurredAt = ce.getTimeStamp().map(OffsetDateTime::from).orElse(null);
        if (!(payload instanceof String text)) {
            throw new Unreadable("data is not JSON text");
        }
        JsonNode data;
        try {
            data = json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new Unreadable("data is not JSON: " + e.getOriginalMessage());
        }
        if (data == null || !data.isObject()) {
            throw new Unreadable("data is not a JSON object");
        }
        return new DomainEvent(id, type, type.substring(0, dot), aggregateId, occurredAt, data);
    }
}
