package mx.implan.brujula.events;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes the outbox: leases a batch, sends each row to its channel, waits for every
 * acknowledgement and only then marks the batch published; no transaction stays open meanwhile
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

    /**
     * One batch: leases, publishes, marks. Returns how many rows were published (0: nothing to
     * publish). Throws when the batch could not be published; its rows go back to the outbox.
     */
    public int relayOnce() {
        List<OutboxRow> batch = QuarkusTransaction.requiringNew().call(() -> rows.lease(config.relay().batchSize(), owner, leaseMillis()));
        metrics.oldestPending(batch.isEmpty() ? null : batch.get(0).createdAt());
        if (batch.isEmpty()) {
            return 0;
        }
        try {
            CompletableFuture<?>[] acks = batch.stream().map(publisher::publish).toArray(CompletableFuture[]::new);
            await(CompletableFuture.allOf(acks));
        } catch (RuntimeException e) {
            QuarkusTransaction.requiringNew().run(() -> rows.release(batch, owner));
            throw e;
        }
        QuarkusTransaction.requiringNew().run(() -> rows.markPublished(batch, owner));
        metrics.published(batch.size());
        return batch.size();
    }

    /** Long enough for a batch's acknowledgements; a relay that died gives its rows up after this. */
    private long leaseMillis() {
        return config.relay().ackTimeout().toMillis() * 2;
    }

    private void loop() {
        Duration backoff = config.relay().initialBackoff();
        while (running) {
            try {
                int published = relayOnce();
                backoff = config.relay().initialBackoff();
                if (published < config.relay().batchSize()) {
                    sleep(config.relay().pollInterval());
                }
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
