package mx.implan.brujula.events;

import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.net.URI;
import java.util.concurrent.CompletableFuture;

/**
 * Sends outbox rows to their channel as CloudEvents 1.0 (id = the outbox id, type = the event type,
 * subject = the aggregate id, time = when the change was committed) with the aggregate id as the
 * message key, so a Kafka topic keeps each observation's events in one partition, in order.
 */
@ApplicationScoped
class EventPublisher {

    private static final URI SOURCE = URI.create(EventChannels.SOURCE);

    @Inject
    @Channel(EventChannels.OBSERVATIONS_OUT)
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
    Emitter<String> observationEvents;

    @Inject
    @Channel(EventChannels.WORKS_OUT)
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
    Emitter<String> workEvents;

    /** Completes when the channel acknowledged the event (the broker, or the in-process consumer). */
    CompletableFuture<Void> publish(OutboxRow row) {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        OutgoingCloudEventMetadata<String> cloudEvent = OutgoingCloudEventMetadata.<String>builder()
                .withId(Long.toString(row.id()))
                .withSource(SOURCE)
                .withType(row.eventType())
                .withSubject(row.aggregateId())
                .withTimestamp(row.createdAt().toZonedDateTime())
                .withDataContentType("application/json")
                .withDataSchema(URI.create(EventChannels.SOURCE + ":" + row.aggregateType() + ":v" + EventChannels.DATA_VERSION))
                .build();
        Message<String> message = Message.of(row.payload())
                .addMetadata(cloudEvent)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(row.aggregateId()).build())
                .withAck(() -> {
                    acknowledged.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    acknowledged.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                });
        Emitter<String> emitter = ChangeLog.WORK.equals(row.aggregateType()) ? workEvents : observationEvents;
        try {
            emitter.send(message);
        } catch (RuntimeException refused) {
            // A full buffer or a channel in failure: the batch goes back to the outbox.
            acknowledged.completeExceptionally(refused);
        }
        return acknowledged;
    }
}
