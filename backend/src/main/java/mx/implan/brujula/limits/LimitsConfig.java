package mx.implan.brujula.limits;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Rate limits and login back-off. Counters live in PostgreSQL, so every instance sees the same numbers. */
@ConfigMapping(prefix = "brujula.limits")
public interface LimitsConfig {

    /** Switches rate limits and login back-off off entirely (e.g. behind a gateway that already limits). */
    @WithDefault("true")
    boolean enabled();

    /** Sign-in attempts (right or wrong) one client address may make per {@link #loginWindow()}. */
    @WithDefault("60")
    int loginMax();

    @WithDefault("PT10M")
    Duration loginWindow();

    /** Reports one caller may create per {@link #reportWindow()}: per account when signed in, else per client address. */
    @WithDefault("60")
    int reportMax();

    @WithDefault("PT10M")
    Duration reportWindow();

    /**
     * Photos one citizen account may upload per {@link #photoWindow()} through {@code PUT /api/v1/attachments}: a photo
     * already stored (a resend) does not count; staff uploads are not limited.
     */
    @WithDefault("200")
    int photoMax();

    @WithDefault("PT1H")
    Duration photoWindow();

    /** Failed sign-ins of one username from one address before the pauses start. */
    @WithDefault("5")
    int backoffAfter();

    /** First pause after {@link #backoffAfter()} failures; each further failure doubles it. */
    @WithDefault("PT30S")
    Duration backoffInitial();

    /** Longest pause: the back-off never becomes a lock-out. */
    @WithDefault("PT15M")
    Duration backoffMax();

    /** Failures older than this are forgotten (the count starts again). */
    @WithDefault("P1D")
    Duration backoffMemory();
}
