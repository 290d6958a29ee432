package mx.implan.brujula.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One open alert stream: every {@code stream-poll} it reads the alerts after the last one it sent
 * (first what the client missed, then each new one), and a heartbeat comment every {@code heartbeat}.
 * Reading the table by id works the same on every instance; ids commit in order (see {@link Alerts}).
 */
@ApplicationScoped
public class AlertStream {

    private static final Logger LOG = Logger.getLogger(AlertStream.class);
    static final String EVENT_NAME = "alert";
    static final int BATCH = 100;
    /** How long a client waits before reconnecting after the stream ends (the SSE {@code retry} field). */
    static final long RECONNECT_MILLIS = 3_000;
    /** A stream whose token carries no expiry still ends after this long, and the client reconnects. */
    static final Duration LONGEST = Duration.ofHours(1);

    @Inject
    Alerts alerts;
    @Inject
    AlertsConfig config;
    @Inject
    ObjectMapper json;

    /** Streams open on this instance (metric {@code brujula_alerts_streams}). */
    private final AtomicInteger open = new AtomicInteger();

    @Inject
    void metrics(MeterRegistry registry) {
        Gauge.builder("brujula.alerts.streams", open, AtomicInteger::get).description("Alert streams open on this instance")
                .register(registry);
    }

    /** How many streams are open on this instance. */
    public int open() {
        return open.get();
    }

    /** The events after alert {@code after}, live, until the client goes away or {@code lifetime} ends. */
    public Multi<OutboundSseEvent> after(long after, Sse sse, Duration lifetime) {
        AtomicLong last = new AtomicLong(after);
        // A first line at once: the response (status and headers) reaches the client before any alert exists.
        Multi<OutboundSseEvent> opening = Multi.createFrom().item(() ->
                sse.newEventBuilder().comment("alerts after " + after).reconnectDelay(RECONNECT_MILLIS).build());
        Multi<OutboundSseEvent> news = Multi.createFrom().ticks().startingAfter(Duration.ofMillis(1)).every(config.streamPoll())
                .onOverflow().drop()
                .onItem().transformToMultiAndConcatenate(tick -> Uni.createFrom().item(() -> fetch(last))
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                        .onItem().transformToMulti(list -> Multi.createFrom().iterable(list)))
                .onItem().transform(a -> event(sse, a));
        Multi<OutboundSseEvent> heartbeats = Multi.createFrom().ticks().every(config.heartbeat()).onOverflow().drop()
                .onItem().transform(t -> sse.newEventBuilder().comment("heartbeat").build());
        // Ends when the client goes away (cancellation), which stops its polls and heartbeats.
        return Multi.createBy().merging().streams(opening, news, heartbeats)
                .select().first(lifetime)
                .onSubscription().invoke(s -> open.incrementAndGet())
                .onTermination().invoke(open::decrementAndGet);
    }

    /** The next alerts; a failed read (database away) sends nothing this time and is tried at the next poll. */
    private List<Alert> fetch(AtomicLong last) {
        try {
            List<Alert> next = alerts.after(last.get(), BATCH);
            if (!next.isEmpty()) {
                last.set(next.get(next.size() - 1).id());
            }
            return next;
        } catch (RuntimeException e) {
            LOG.debugf(e, "Reading alerts after %d failed; the stream tries again", last.get());
            return List.of();
        }
    }

    private OutboundSseEvent event(Sse sse, Alert a) {
        try {
            return sse.newEventBuilder().id(Long.toString(a.id())).name(EVENT_NAME)
                    .data(String.class, json.writeValueAsString(a)).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
