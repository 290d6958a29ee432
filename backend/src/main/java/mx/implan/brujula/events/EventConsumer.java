package mx.implan.brujula.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.smallrye.reactive.messaging.ce.CloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Reads the event channels and dispatches the events to the projectors, in order, in batches of
 * what arrived together ({@link EventIntake}). Every message is
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
    @Inject
    EventsConfig config;

    private EventIntake intake;

    @PostConstruct
    void start() {
        EventsConfig.Consumer c = config.consumer();
        intake = new EventIntake(c.batchSize(), c.batchDuration(), c.queueCapacity(), c.maxPause(), this::consumeOnWorker);
    }

    @PreDestroy
    void stop() {
        intake.stop();
    }

    @Incoming(EventChannels.OBSERVATIONS_IN)
    public CompletionStage<Void> observationEvent(Message<String> message) {
        return intake.offer(message);
    }

    @Incoming(EventChannels.WORKS_IN)
    public CompletionStage<Void> workEvent(Message<String> message) {
        return intake.offer(message);
    }

    /** The intake's thread has no request context of its own; the projectors' beans may want one. */
    private void consumeOnWorker(List<Message<String>> messages) {
        ManagedContext requestContext = Arc.container().requestContext();
        requestContext.activate();
        try {
            consume(messages);
        } finally {
            requestContext.terminate();
        }
    }

    /** What arrived together: unreadable messages become dead letters, the events are applied as one batch, each message is settled. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    void consume(List<Message<String>> messages) {
        List<Message<String>> readable = new ArrayList<>();
        List<EventDispatcher.Delivery> deliveries = new ArrayList<>();
        boolean anyFromKafka = false;
        for (Message<String> message : messages) {
            Optional<IncomingKafkaRecordMetadata> kafka = message.getMetadata(IncomingKafkaRecordMetadata.class);
            anyFromKafka |= kafka.isPresent();
            String origin = kafka.map(k -> k.getTopic() + "/" + k.getPartition() + "@" + k.getOffset()).orElse("in-process");
            Optional<CloudEventMetadata<?>> attributes = (Optional) message.getMetadata(CloudEventMetadata.class);
            try {
                deliveries.add(new EventDispatcher.Delivery(EventEnvelope.read(attributes, message.getPayload(), json), origin));
                readable.add(message);
            } catch (EventEnvelope.Unreadable e) {
                LOG.warnf("Unreadable message from %s is a dead letter: %s", origin, e.getMessage());
                deadLetters.record(PIPELINE, null, String.valueOf(message.getPayload()), e.getMessage(), 1, origin);
                metrics.deadLettered(PIPELINE);
                settle(message, kafka.isPresent(), e.getMessage());
            }
        }
        if (deliveries.isEmpty()) {
            return;
        }
        List<List<String>> failed = dispatcher.dispatchAll(deliveries, anyFromKafka);
        for (int i = 0; i < readable.size(); i++) {
            Message<String> message = readable.get(i);
            if (failed.get(i).isEmpty()) {
                message.ack();
            } else {
                settle(message, message.getMetadata(IncomingKafkaRecordMetadata.class).isPresent(), "dead letter for " + failed.get(i));
            }
        }
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
