package mx.implan.brujula.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.ce.CloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Reads the event channels and dispatches each event to the projectors, in order. Every message is
 * settled: acknowledged when applied, or when it became a dead letter in-process; on Kafka a dead
 * letter is also negatively acknowledged, which the connector's dead-letter-queue strategy turns
 * into a record on the dead-letter topic. Either way the stream goes on.
 */
@ApplicationScoped
public class EventConsumer {

    private static final Logger LOG = Logger.getLogger(EventConsumer.class);
    static final String PIPELINE = "pipeline";

    @Inject
    EventDispatcher dispatcher;
    @Inject
    DeadLetters deadLetters;
    @Inject
    EventMetrics metrics;
    @Inject
    ObjectMapper json;

    @Incoming(EventChannels.OBSERVATIONS_IN)
    @Blocking
    public CompletionStage<Void> observationEvent(Message<String> message) {
        return consume(message);
    }

    @Incoming(EventChannels.WORKS_IN)
    @Blocking
    public CompletionStage<Void> workEvent(Message<String> message) {
        return consume(message);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    CompletionStage<Void> consume(Message<String> message) {
        Optional<IncomingKafkaRecordMetadata> kafka = message.getMetadata(IncomingKafkaRecordMetadata.class);
        String origin = kafka.map(k -> k.getTopic() + "/" + k.getPartition() + "@" + k.getOffset()).orElse("in-process");
        Optional<CloudEventMetadata<?>> attributes = (Optional) message.getMetadata(CloudEventMetadata.class);
        DomainEvent event;
        try {
            event = EventEnvelope.read(attributes, message.getPayload(), json);
        } catch (EventEnvelope.Unreadable e) {
            LOG.warnf("Unreadable message from %s is a dead letter: %s", origin, e.getMessage());
            deadLetters.record(PIPELINE, null, String.valueOf(message.getPayload()), e.getMessage(), 1, origin);
            metrics.deadLettered(PIPELINE);
            return settle(message, kafka.isPresent(), e.getMessage());
        }
        List<String> failed = dispatcher.dispatch(event, origin, kafka.isPresent());
        return failed.isEmpty() ? message.ack() : settle(message, kafka.isPresent(), "dead letter for " + failed);
    }

    private static CompletionStage<Void> settle(Message<String> message, boolean fromKafka, String reason) {
        return fromKafka ? message.nack(new DeadLetterException(reason)) : message.ack();
    }

    /** The reason a Kafka record goes to the dead-letter topic (its header {@code dead-letter-reason}). */
    static final class DeadLetterException extends RuntimeException {
        DeadLetterException(String reason) {
            super(reason, null, false, false);
        }
    }
}
