package mx.implan.brujula.limits;

import mx.implan.brujula.http.ApiProblem;

/** The 429 problems; {@code Retry-After} (seconds) says when the same request will be accepted again. */
public final class TooManyRequests {

    private TooManyRequests() {
    }

    public static ApiProblem rateLimited(long retryAfterSeconds) {
        return new ApiProblem(429, "RATE_LIMITED", "Too Many Requests",
                "Too many requests; try again in {0} s", retryAfterSeconds)
                .header("Retry-After", Long.toString(retryAfterSeconds))
                .with("retryAfter", retryAfterSeconds);
    }

    public static ApiProblem loginBackoff(long retryAfterSeconds) {
        return new ApiProblem(429, "LOGIN_BACKOFF", "Too Many Requests",
                "Too many failed sign-ins of this user from this address; try again in {0} s", retryAfterSeconds)
                .header("Retry-After", Long.toString(retryAfterSeconds))
                .with("retryAfter", retryAfterSeconds);
    }
}
