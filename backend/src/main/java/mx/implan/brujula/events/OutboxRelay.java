package mx.implan.brujula.events;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes the outbox: leases a batch, sends each row to its channel, waits for every
 * acknowledgement and only then marks the batch published, with a few batches in flight at once;
 * no transaction stays open meanwhile
 * ({@link OutboxRows}). A failure (the broker down, a timeout) gives the batch back to the outbox
 * and the relay backs off, doubling up to a limit; nothing is lost, and what was already sent is
 * deduplicated by consumers (event ids).
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    @Inject
    EventsConfig config;
    @Inject
    OutboxRows rows;
    @Inject
    EventPublisher publisher;
    @Inject
    EventMetrics metrics;

    /** This instance's name on the rows it leases. */
    private final String owner = "relay-" + UUID.randomUUID();
    private volatile boolean running;
    private Thread thread;

    void onStart(@Observes StartupEvent event) {
        if (config.relay().enabled()) {
            running = true;
            thread = new Thread(this::loop, "outbox-relay");
            thread.setDaemon(true);
            thread.start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** A batch sent and not yet acknowledged. */
    private record InFlight(List<OutboxRow> rows, CompletableFuture<Void> acks) {
    }

    /**
     * One batch: leases, publishes, marks. Returns how many rows were published (0: nothing to
     * publish). Throws when the batch could not be published; its rows go back to the outbox.
     */
    public int relayOnce() {
        InFlight batch = leaseAndSend();
        if (batch == null) {
            return 0;
        }
        settle(batch);
        return batch.rows().size();
    }

    /** Leases a batch and sends it; null when there was nothing to send. */
    private InFlight leaseAndSend() {
        List<OutboxRow> rows = QuarkusTransaction.requiringNew().call(() -> this.rows.lease(config.relay().batchSize(), owner, leaseMillis()));
        metrics.oldestPending(rows.isEmpty() ? null : rows.get(0).createdAt());
        if (rows.isEmpty()) {
            return null;
        }
        try {
            CompletableFuture<?>[] acks = rows.stream().map(publisher::publish).toArray(CompletableFuture[]::new);
            return new InFlight(rows, CompletableFuture.allOf(acks));
        } catch (RuntimeException e) {
            QuarkusTransaction.requiringNew().run(() -> this.rows.release(rows, owner));
            throw e;
        }
    }

    /** Waits for the batch's acknowledgements and marks it published, or gives it back and throws. */
    private void settle(InFlight batch) {
        try {
            await(batch.acks());
        } catch (RuntimeException e) {
            QuarkusTransaction.requiringNew().run(() -> rows.release(batch.rows(), owner));
            throw e;
        }
        QuarkusTransaction.requiringNew().run(() -> rows.markPublished(batch.rows(), owner));
        metrics.published(batch.rows().size());
    }

    /** Long enough for a batch's acknowledgements; a relay that died gives its rows up after this. */
    private long leaseMillis() {
        return config.relay().ackTimeout().toMillis() * 2;
    }

    /**
     * Keeps up to {@code relay.in-flight} batches sent and unacknowledged: the next batch is leased
     * and sent while the broker (or the in-process consumer) acknowledges the previous ones, so the
     * database round trips overlap the wait. Order holds: a batch never holds a row whose aggregate
     * has an earlier row still unpublished, in flight or not ({@link OutboxRows}), so batches in
     * flight share no aggregate and may be settled in any order.
     */
    private void loop() {
        Deque<InFlight> inFlight = new ArrayDeque<>();
        Duration backoff = config.relay().initialBackoff();
        while (running) {
            try {
                InFlight sent = inFlight.size() < config.relay().inFlight() ? leaseAndSend() : null;
                if (sent != null) {
                    inFlight.add(sent);
                    if (sent.rows().size() == config.relay().batchSize()) {
                        continue; // a backlog: lease the next one while this one is acknowledged
                    }
                }
                if (!inFlight.isEmpty()) {
                    settle(inFlight.poll());
                } else {
                    sleep(config.relay().pollInterval());
                }
                backoff = config.relay().initialBackoff();
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                metrics.relayFailed();
                LOG.warnf("Outbox relay: batch not published, retrying in %d ms: %s", backoff.toMillis(), rootMessage(e));
                sleep(backoff);
                backoff = RelayBackoff.next(backoff, config.relay().maxBackoff());
            }
        }
    }

    private void await(CompletableFuture<Void> all) {
        try {
            all.get(config.relay().ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for acknowledgements", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the channel refused an event: " + rootMessage(e), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("no acknowledgement within " + config.relay().ackTimeout(), e);
        }
    }

    private void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
