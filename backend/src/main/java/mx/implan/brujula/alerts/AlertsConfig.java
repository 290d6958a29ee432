package mx.implan.brujula.alerts;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * {@code brujula.alerts.*} (docs/works-monitoring.md). The period of the unattended-risk check is
 * {@code brujula.alerts.check-every} (default {@code 15m}), read by the scheduler itself.
 */
@ConfigMapping(prefix = "brujula.alerts")
public interface AlertsConfig {

    /** Risks at or above this severity (1–5) raise RISK_HIGH_SEVERITY, and RISK_UNATTENDED when left open. */
    @WithDefault("4")
    int riskSeverity();

    /** Days after capture a severe risk still REPORTED or VERIFIED becomes RISK_UNATTENDED. */
    @WithDefault("7")
    int unattendedDays();

    /** How often an open alert stream looks for new alerts. */
    @WithDefault("PT1S")
    Duration streamPoll();

    /** Comment line sent on every open stream this often, so proxies and the server's idle timeout keep it open. */
    @WithDefault("PT15S")
    Duration heartbeat();
}
