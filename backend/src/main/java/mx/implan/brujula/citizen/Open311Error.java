package mx.implan.brujula.citizen;

/**
 * An error answered in the GeoReport v2 format ({@code [{"code": 400, "description": "…"}]}, XML
 * {@code <errors><error>…}) rather than problem+json: the one documented exception, because
 * Open311 clients expect the spec's shape.
 */
public class Open311Error extends RuntimeException {

    private final int status;
    /** Seconds for a {@code Retry-After} header (429, 503), or null. */
    private final Long retryAfter;

    public Open311Error(int status, String description) {
        this(status, description, null);
    }

    private Open311Error(int status, String description, Long retryAfter) {
        super(description, null, false, false);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    /** 429 in the spec's format, with {@code Retry-After}. */
    public static Open311Error tooManyRequests(String description, long retryAfterSeconds) {
        return new Open311Error(429, description, retryAfterSeconds);
    }

    /** 503 in the spec's format, with {@code Retry-After}: nothing was stored, the same request may be sent again. */
    public static Open311Error unavailable(String description, long retryAfterSeconds) {
        return new Open311Error(503, description, retryAfterSeconds);
    }

    public Long retryAfter() {
        return retryAfter;
    }

    public static Open311Error badRequest(String description) {
        return new Open311Error(400, description);
    }

    public int status() {
        return status;
    }

    public String description() {
        return getMessage();
    }
}
