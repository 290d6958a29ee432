package mx.implan.brujula.limits;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Deletes counter windows that have ended and login failures nobody repeated for
 * {@code backoff-memory}. Plain deletes of rows no request will read again: safe on every
 * instance at once.
 */
@ApplicationScoped
public class LimitsPurge {

    @Inject
    AgroalDataSource dataSource;
    @Inject
    LimitsConfig config;

    @Scheduled(every = "${brujula.limits.purge-every:10m}", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        purge();
    }

    /** One pass now; returns the rows deleted (counters + failures). */
    public int purge() {
        long longestWindow = Math.max(Math.max(config.loginWindow().toSeconds(), config.reportWindow().toSeconds()),
                config.photoWindow().toSeconds());
        try (Connection c = dataSource.getConnection();
             PreparedStatement counters = c.prepareStatement(
                     "DELETE FROM rate_counter WHERE window_start < clock_timestamp() - make_interval(secs => ?)");
             PreparedStatement failures = c.prepareStatement("""
                     DELETE FROM login_failure WHERE last_failure < clock_timestamp() - make_interval(secs => ?)
                       AND (blocked_until IS NULL OR blocked_until < clock_timestamp())""")) {
            counters.setLong(1, longestWindow);
            failures.setDouble(1, config.backoffMemory().toMillis() / 1000.0);
            return counters.executeUpdate() + failures.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Purging rate-limit state failed", e);
        }
    }
}
