package mx.implan.brujula.sync;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Limits and tolerances of device sync. */
@ConfigMapping(prefix = "brujula.sync")
public interface SyncConfig {

    /** Most items one push may carry; over it the device gets 413 and halves its batch. */
    @WithDefault("500")
    int maxItems();

    /** Largest push body in bytes (10 MiB). */
    @WithDefault("10485760")
    long maxBytes();

    /** Device clock error tolerated before an item is flagged CLOCK_SKEW. */
    @WithDefault("PT5M")
    Duration clockSkewTolerance();

    /** Changes per pull page when the device does not ask. */
    @WithDefault("200")
    int pullDefaultLimit();

    /** Largest pull page. */
    @WithDefault("1000")
    int pullMaxLimit();
}
