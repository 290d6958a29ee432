package mx.implan.brujula.events;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Hands each event to every projector, each in its own transaction that also records the event as
 * processed by it: a redelivered event changes nothing, and one projector's failure neither rolls
 * back nor blocks the others. A projector that still fails after its attempts gets a dead letter.
 */
@ApplicationScoped
public class EventDispatcher {

    private static final Logger LOG = Logger.getLogger(EventDispatcher.class);

    @Inject
    @Any
    Instance<EventProjector> projectors;
    @Inject
    ProcessedEvents processed;
    @Inject
    DeadLetters deadLetters;
    @Inject
    EventsConfig config;
    @Inject
    EventMetrics metrics;

    /** An event as it arrived, with where from (a topic, partition and offset; or in-process). */
    public record Delivery(DomainEvent event, String origin) {
    }

    /**
     * Applies events that arrived together: every projector's share in one transaction, through
     * {@link EventProjector#applyAll}, so a backlog costs one commit and one derivation per batch,
     * not per event. If that transaction fails it is rolled back whole and each event goes the
     * one-by-one way ({@link #dispatch(DomainEvent, String)}): the failing event finds its projector,
     * retries and dead letter, and the others are applied. Returns, per delivery in order, the
     * consumers that gave up on it.
     */
    public List<List<String>> dispatchAll(List<Delivery> deliveries, boolean durableCommit) {
        if (deliveries.size() == 1) {
            Delivery only = deliveries.get(0);
            return List.of(dispatch(only.event(), only.origin(), durableCommit));
        }
        if (applyBatchAtOnce(deliveries, durableCommit)) {
            return deliveries.stream().<List<String>>map(d -> List.of()).toList();
        }
        return deliveries.stream().map(d -> dispatch(d.event(), d.origin(), durableCommit)).toList();
    }

    private boolean applyBatchAtOnce(List<Delivery> deliveries, boolean durableCommit) {
        Map<String, Integer> applied = new LinkedHashMap<>();
        Map<String, List<Long>> claimed = new LinkedHashMap<>();
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                applied.clear();
                claimed.clear();
                if (!durableCommit) {
                    processed.relaxCommit();
                }
                for (EventProjector projector : projectors) {
                    List<DomainEvent> accepted = deliveries.stream().map(Delivery::event).filter(projector::accepts).toList();
                    Set<Long> claims = new HashSet<>(processed.claimAll(projector.name(), accepted.stream().map(DomainEvent::id).toList()));
                    List<DomainEvent> share = new ArrayList<>();
                    for (DomainEvent e : accepted) {
                        if (claims.remove(e.id())) { // once, even when the batch holds it twice
                            share.add(e);
                        }
                    }
                    if (!share.isEmpty()) {
                        projector.applyAll(share);
                        applied.put(projector.name(), share.size());
                        claimed.put(projector.name(), share.stream().map(DomainEvent::id).toList());
                    }
                }
                claimed.forEach(processed::stamp);
            });
        } catch (RuntimeException e) {
            LOG.debugf(e, "A batch of %d events failed as a whole; applying them one by one", deliveries.size());
            return false;
        }
        applied.forEach(metrics::processed);
        return true;
    }

    /** Applies the event everywhere; returns the consumers that gave up on it (now dead letters). */
    public List<String> dispatch(DomainEvent event, String origin) {
        return dispatch(event, origin, true);
    }

    /**
     * As {@link #dispatch(DomainEvent, String)}. First every accepting projector in one transaction (one
     * commit per event, the common case); if any of them throws, that transaction is rolled back whole
     * and each projector runs in its own, with retries, so one projector's failure never costs another
     * its effect.
     *
     * @param durableCommit false lets the fast path's commit return before its WAL reaches the disk: for
     *                      in-process events, whose relay commits "published" durably right after the
     *                      acknowledgement, and that later flush covers this commit's WAL as well
     */
    List<String> dispatch(DomainEvent event, String origin, boolean durableCommit) {
        List<EventProjector> accepting = new ArrayList<>();
        for (EventProjector projector : projectors) {
            if (projector.accepts(event)) {
                accepting.add(projector);
            }
        }
        if (accepting.isEmpty() || applyAllAtOnce(accepting, event, durableCommit)) {
            return List.of();
        }
        List<String> failed = new ArrayList<>();
        for (EventProjector projector : accepting) {
            Optional<RuntimeException> failure = applyWithRetries(projector, event);
            if (failure.isPresent()) {
                String reason = describe(failure.get());
                LOG.warnf("Event %d (%s) is a dead letter for %s: %s", event.id(), event.type(), projector.name(), reason);
                deadLetters.record(projector.name(), event, null, reason, config.consumer().attempts(), origin);
                metrics.deadLettered(projector.name());
                failed.add(projector.name());
            }
        }
        return failed;
    }

    /** The fast path: true when every projector applied (or had already applied) the event in one transaction. */
    private boolean applyAllAtOnce(List<EventProjector> accepting, DomainEvent event, boolean durableCommit) {
        List<String> applied = new ArrayList<>();
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                applied.clear();
                if (!durableCommit) {
                    processed.relaxCommit();
                }
                for (EventProjector projector : accepting) {
                    if (processed.claim(projector.name(), event.id())) {
                        projector.apply(event);
                        applied.add(projector.name());
                    }
                }
            });
        } catch (RuntimeException e) {
            return false;
        }
        applied.forEach(metrics::processed);
        return true;
    }

    /** Applies the event to one projector once, unless it already did (false); throws its failure. */
    boolean applyOnce(EventProjector projector, DomainEvent event) {
        boolean applied = QuarkusTransaction.requiringNew().call(() -> {
            if (!processed.claim(projector.name(), event.id())) {
                return false;
            }
            projector.apply(event);
            return true;
        });
        if (applied) {
            metrics.processed(projector.name());
        }
        return applied;
    }

    /** Marks the event processed for the projector without applying it (an admin discarded it). */
    void skip(String consumer, long eventId) {
        QuarkusTransaction.requiringNew().run(() -> processed.claim(consumer, eventId));
    }

    Optional<EventProjector> projector(String name) {
        return projectors.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    private Optional<RuntimeException> applyWithRetries(EventProjector projector, DomainEvent event) {
        long delay = config.consumer().retryDelay().toMillis();
        RuntimeException last = null;
        for (int attempt = 1; attempt <= config.consumer().attempts(); attempt++) {
            try {
                applyOnce(projector, event);
                return Optional.empty();
            } catch (RuntimeException e) {
                last = e;
                if (attempt < config.consumer().attempts()) {
                    pause(delay);
                    delay *= 2;
                }
            }
        }
        return Optional.of(last);
    }

    static String describe(Throwable e) {
        StringBuilder reason = new StringBuilder();
        for (Throwable t = e; t != null && reason.length() < 1500; t = t.getCause() == t ? null : t.getCause()) {
            if (!reason.isEmpty()) {
                reason.append(" ← ");
            }
            reason.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
        }
        return reason.toString();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
