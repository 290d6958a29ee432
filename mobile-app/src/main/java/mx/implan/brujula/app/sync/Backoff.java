package mx.implan.brujula.app.sync;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Exponential back-off with "equal jitter": after the n-th failure in a row, wait half of
 * {@code min(max, initial · 2^(n-1))} plus a random share of the other half. Never shorter than half the
 * initial delay, so no failure pattern becomes a tight loop; the jitter keeps a fleet of tablets that lost the
 * network together from all retrying in the same second.
 */
public final class Backoff {

    private final Duration initial;
    private final Duration max;
    private final RandomGenerator random;

    public Backoff(Duration initial, Duration max, RandomGenerator random) {
        this.initial = Objects.requireNonNull(initial, "initial");
        this.max = Objects.requireNonNull(max, "max");
        this.random = Objects.requireNonNull(random, "random");
        if (initial.isZero() || initial.isNegative() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 < initial <= max");
        }
    }

    /** The wait after {@code failures} failures in a row (1 = the first failure). */
    public Duration delay(int failures) {
        long ceiling = max.toMillis();
        long exp = initial.toMillis();
        for (int i = 1; i < failures && exp < ceiling; i++) {
            exp *= 2;
        }
        long capped = Math.min(exp, ceiling);
        long half = capped / 2;
        return Duration.ofMillis(half + (half == 0 ? 0 : random.nextLong(half + 1)));
    }

    /**
     * The wait when the server said how long ({@code Retry-After}): that long, never shorter than half the initial
     * delay (no tight loop on {@code Retry-After: 0}) and never longer than the longest back-off (a wrong header
     * must not park the device for days; the server answers 503 again if it is still not ready).
     */
    public Duration honouring(Duration retryAfter) {
        Duration floor = initial.dividedBy(2);
        Duration wait = retryAfter.compareTo(floor) < 0 ? floor : retryAfter;
        return wait.compareTo(max) > 0 ? max : wait;
    }
}
