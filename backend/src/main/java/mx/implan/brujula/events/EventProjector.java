package mx.implan.brujula.events;

import java.util.List;

/**
 * A consumer of domain events that keeps a read model (indicator values, works progress, alerts).
 * Implementations are CDI beans; the event pipeline finds them all and calls {@link #apply} inside
 * a transaction that also records {@code (name(), event.id())} as processed, so at-least-once
 * delivery never applies an event twice. A throw rolls that transaction back; after the pipeline's
 * retries the event goes to the dead letters with the reason, and the stream goes on.
 * Projectors read; they never write observations (only the {@code observations} feature does).
 */
public interface EventProjector {

    /** Stable, unique consumer name (recorded with every processed event), e.g. {@code indicators}. */
    String name();

    /**
     * Whether this projector cares about the event: a pure function of the event (it is asked again
     * on every redelivery); events it declines leave no trace.
     */
    boolean accepts(DomainEvent event);

    /** Applies the event to this projector's read model, in the caller's transaction. */
    void apply(DomainEvent event);

    /**
     * Applies several events, in order, in the caller's transaction: the consumer hands over what
     * arrived together, so a projector whose read model is costly to derive may derive it once for
     * the lot. The effect must equal applying each in turn.
     */
    default void applyAll(List<DomainEvent> events) {
        events.forEach(this::apply);
    }
}
