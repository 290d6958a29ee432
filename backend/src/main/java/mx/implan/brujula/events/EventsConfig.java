package mx.implan.brujula.events;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** {@code brujula.events.*}: the outbox relay and the consumers (docs/events.md, docs/operations.md). */
@ConfigMapping(prefix = "brujula.events")
public interface EventsConfig {

    Relay relay();

    Consumer consumer();

    interface Relay {
        /** Whether this instance relays the outbox (several instances may; each leases its own rows). */
        @WithDefault("true")
        boolean enabled();

        /** Rows leased, published and marked together (one lease transaction, one mark transaction). */
        @WithDefault("1000")
        int batchSize();

        /** Batches sent and not yet acknowledged at once (the next is leased while the last are acknowledged). */
        @WithDefault("4")
        int inFlight();

        /** Sleep when the outbox was empty. */
        @WithDefault("PT0.1S")
        Duration pollInterval();

        /** How long to wait for the channel to acknowledge a batch before giving it back. */
        @WithDefault("PT30S")
        Duration ackTimeout();

        /** First back-off after a failed batch; it doubles up to {@link #maxBackoff()}. */
        @WithDefault("PT0.5S")
        Duration initialBackoff();

        @WithDefault("PT30S")
        Duration maxBackoff();
    }

    interface Consumer {
        /** Attempts of one projector on one event before it becomes a dead letter. */
        @WithDefault("3")
        int attempts();

        /** Pause between attempts (doubling). */
        @WithDefault("PT0.05S")
        Duration retryDelay();

        /** Most events applied in one transaction: what has arrived when the consumer is free, up to this. */
        @WithDefault("1000")
        int batchSize();

        /**
         * How long one batch's transaction should last: batches are sized from what the last ones
         * cost. A running transaction holds back every device's pull, so this is also about the
         * longest a projector delays a pull.
         */
        @WithDefault("PT1S")
        Duration batchDuration();

        /** Events queued before the channels are asked to wait. */
        @WithDefault("4000")
        int queueCapacity();

        /** Longest pause before handing a batch over again after the database failed (doubling from 0.2 s). */
        @WithDefault("PT10S")
        Duration maxPause();
    }
}
