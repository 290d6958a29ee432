package mx.implan.brujula.app.api;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * 503: the server is up but cannot serve now (its database or photo storage is unavailable:
 * {@code DATABASE_UNAVAILABLE}, {@code STORAGE_UNAVAILABLE}), usually with {@code Retry-After}. Nothing was
 * applied and nothing was refused: the same request is to be sent again later, never taken as a rejection or
 * as a reason to end the session.
 */
public final class ServerUnavailableException extends ApiException {

    private final transient Duration retryAfter;

    public ServerUnavailableException(Problem problem, Duration retryAfter) {
        super(problem);
        this.retryAfter = retryAfter;
    }

    /** How long the server asked to wait ({@code Retry-After}), when it said so. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /**
     * Reads a {@code Retry-After} value: delta-seconds or an HTTP date (RFC 9110 §10.2.3). Null when absent or
     * unreadable; never negative.
     */
    static Duration parseRetryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.matches("\\d{1,9}")) {
            return Duration.ofSeconds(Long.parseLong(v));
        }
        try {
            Duration until = Duration.between(now, ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            return until.isNegative() ? Duration.ZERO : until;
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }
}
