package mx.implan.brujula.events;

import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import io.smallrye.reactive.messaging.annotations.ConnectorAttribute;
import io.smallrye.reactive.messaging.connector.InboundConnector;
import io.smallrye.reactive.messaging.connector.OutboundConnector;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;

/**
 * Joins an outgoing and an incoming channel that name the same {@code topic} inside this process:
 * what the relay sends reaches the consumer as the same message, so the consumer's acknowledgement
 * is the relay's. The default profile uses it for the event channels, so {@code ./brujula run}
 * needs no broker; profile {@code kafka} configures the same channels on Kafka instead, without a
 * line of code changing.
 */
@ApplicationScoped
@Connector(InProcessConnector.NAME)
@ConnectorAttribute(name = "topic", type = "string", direction = ConnectorAttribute.Direction.INCOMING_AND_OUTGOING,
        description = "the in-process topic joining an outgoing and an incoming channel", mandatory = true)
public class InProcessConnector implements InboundConnector, OutboundConnector {

    public static final String NAME = "brujula-in-process";

    private final Map<String, UnicastProcessor<Message<?>>> topics = new ConcurrentHashMap<>();

    @Override
    public Flow.Publisher<? extends Message<?>> getPublisher(Config config) {
        return topic(config);
    }

    @Override
    public Flow.Subscriber<? extends Message<?>> getSubscriber(Config config) {
        UnicastProcessor<Message<?>> topic = topic(config);
        return new Flow.Subscriber<Message<?>>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                // The relay bounds what is in flight (one batch, waiting for its acknowledgements).
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(Message<?> message) {
                topic.onNext(message);
            }

            @Override
            public void onError(Throwable failure) {
                topic.onError(failure);
            }

            @Override
            public void onComplete() {
                topic.onComplete();
            }
        };
    }

    private UnicastProcessor<Message<?>> topic(Config config) {
        String name = config.getValue("topic", String.class);
        return topics.computeIfAbsent(name, n -> UnicastProcessor.create());
    }
}
