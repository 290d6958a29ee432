package mx.implan.brujula.monitoring;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code brujula.monitoring.*}: works monitoring (docs/works-monitoring.md). The period of the
 * scheduled delay check is {@code brujula.monitoring.check-every} (default {@code 15m}), read by
 * the scheduler itself.
 */
@ConfigMapping(prefix = "brujula.monitoring")
public interface MonitoringConfig {

    /** Percentage points (planned today minus last reported) beyond which a work counts as delayed. */
    @WithDefault("10")
    double delayThreshold();
}
