package mx.implan.brujula.app.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The token pair a signed-in device holds. {@code accessExpiresAt} is computed from the device clock when the
 * pair arrives (null when the server did not say), so the client can refresh before sending a request that
 * would certainly fail.
 */
public record AuthTokens(String accessToken, String refreshToken, Instant accessExpiresAt) {

    public AuthTokens {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(refreshToken, "refreshToken");
    }

    /** True when the access token is known to expire within {@code margin} of {@code now}. */
    public boolean expiresWithin(Instant now, Duration margin) {
        return accessExpiresAt != null && !now.plus(margin).isBefore(accessExpiresAt);
    }

    /** Tokens are credentials: never print them (records would by default, e.g. in a log line). */
    @Override
    public String toString() {
        return "AuthTokens[accessToken=***, refreshToken=***, accessExpiresAt=" + accessExpiresAt + "]";
    }
}
