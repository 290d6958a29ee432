package mx.implan.brujula.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The pipeline's figures at /q/metrics: {@code brujula_outbox_lag_seconds} (age of the oldest event
 * the relay holds, 0 when the outbox is drained), {@code brujula_outbox_published_total} (its rate
 * is published/s), {@code brujula_outbox_failures_total}, and per consumer
 * {@code brujula_events_processed_total} and {@code brujula_events_dead_letters_total}.
 */
@ApplicationScoped
class EventMetrics {

    @Inject
    MeterRegistry registry;

    /** Creation time of the oldest event the relay last saw waiting; null when the outbox was drained. */
    private final AtomicReference<OffsetDateTime> oldest = new AtomicReference<>();
    private Counter published;
    private Counter failures;

    @PostConstruct
    void register() {
        Gauge.builder("brujula.outbox.lag.seconds", oldest, EventMetrics::lagSeconds)
                .description("Age of the oldest outbox event not yet published").register(registry);
        published = Counter.builder("brujula.outbox.published").description("Outbox events published").register(registry);
        failures = Counter.builder("brujula.outbox.failures").description("Relay batches that failed and were rolled back")
                .register(registry);
    }

    void published(int count) {
        published.increment(count);
    }

    void relayFailed() {
        failures.increment();
    }

    /** The oldest event in the batch just claimed, or null when there was none. */
    void oldestPending(OffsetDateTime createdAt) {
        oldest.set(createdAt);
    }

    /** Grows while the relay cannot publish (it is read at each scrape, not when the relay last ran). */
    private static double lagSeconds(AtomicReference<OffsetDateTime> oldest) {
        OffsetDateTime createdAt = oldest.get();
        return createdAt == null ? 0 : Math.max(0, Duration.between(createdAt, OffsetDateTime.now()).toMillis() / 1000.0);
    }

    void processed(String consumer) {
        processed(consumer, 1);
    }

    void processed(String consumer, int events) {
        registry.counter("brujula.events.processed", "consumer", consumer).increment(events);
    }

    void deadLettered(String consumer) {
        registry.counter("brujula.events.dead.letters", "consumer", consumer).increment();
    }
}
