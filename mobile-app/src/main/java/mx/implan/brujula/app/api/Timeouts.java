package mx.implan.brujula.app.api;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the client waits. Field networks are slow and flaky, so the request timeout is generous (a push
 * may carry up to 10 MB); a timeout surfaces as {@link TransportException} and the sync engine decides when
 * to try again.
 *
 * @param connect time to open a connection
 * @param request time for one whole request/response exchange, once connected
 */
public record Timeouts(Duration connect, Duration request) {

    public static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(15), Duration.ofSeconds(120));

    public Timeouts {
        Objects.requireNonNull(connect, "connect");
        Objects.requireNonNull(request, "request");
        if (connect.isNegative() || connect.isZero() || request.isNegative() || request.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }
}
