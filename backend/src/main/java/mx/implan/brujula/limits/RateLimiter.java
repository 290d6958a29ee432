package mx.implan.brujula.limits;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * Fixed-window counters in PostgreSQL: each request is one atomic upsert that returns the new
 * count, so instances behind a load balancer share one limit without locks or a cache server.
 * Runs in autocommit, outside the caller's transaction: a refused request still counts.
 */
@ApplicationScoped
public class RateLimiter {

    /** Scopes: what is being counted. */
    public static final String LOGIN = "login";
    public static final String REPORT = "report";
    public static final String PHOTO = "photo";

    private static final String HIT = """
            INSERT INTO rate_counter AS c (scope, key, window_start, hits)
            VALUES (?, ?, to_timestamp(floor(extract(epoch FROM clock_timestamp()) / ?) * ?), 1)
            ON CONFLICT (scope, key, window_start) DO UPDATE SET hits = c.hits + 1
            RETURNING c.hits, ceil(extract(epoch FROM c.window_start + make_interval(secs => ?) - clock_timestamp()))""";

    @Inject
    AgroalDataSource dataSource;
    @Inject
    LimitsConfig config;

    /** Counts a sign-in attempt from {@code address}; the seconds to wait when over the limit. */
    public OptionalLong login(String address) {
        return hit(LOGIN, address, config.loginMax(), config.loginWindow());
    }

    /** Counts a report created by {@code caller} (account or address); the seconds to wait when over the limit. */
    public OptionalLong report(String caller) {
        return hit(REPORT, caller, config.reportMax(), config.reportWindow());
    }

    /** Counts a photo a citizen account uploads; the seconds to wait when over the limit. */
    public OptionalLong photo(String account) {
        return hit(PHOTO, account, config.photoMax(), config.photoWindow());
    }

    /** One more hit of {@code key} in the current window; empty when still within {@code max}. */
    public OptionalLong hit(String scope, String key, int max, Duration window) {
        if (!config.enabled()) {
            return OptionalLong.empty();
        }
        long seconds = Math.max(1, window.toSeconds());
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(HIT)) {
            ps.setString(1, scope);
            ps.setString(2, Keys.bounded(key));
            ps.setLong(3, seconds);
            ps.setLong(4, seconds);
            ps.setLong(5, seconds);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                int hits = rs.getInt(1);
                return hits > max ? OptionalLong.of(Math.max(1, rs.getLong(2))) : OptionalLong.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Rate limit counter failed", e);
        }
    }
}
