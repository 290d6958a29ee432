package mx.implan.brujula.limits;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Login back-off per (username, client address): after {@code backoff-after} failures each
 * further attempt of that pair waits a pause that doubles with every failure, up to
 * {@code backoff-max}; a success clears it. Never a lock-out of the account: the same user from
 * another address, or another user from the same address, is not affected, so nobody can lock
 * every inspector out by guessing their passwords. Usernames come normalised as sign-in compares
 * them (auth's {@code AppUser.normalize}), so "Ana" and "ana" share a count.
 */
@ApplicationScoped
public class LoginBackoff {

    @Inject
    AgroalDataSource dataSource;
    @Inject
    LimitsConfig config;

    /** Seconds this pair must still wait, or empty when it may try now. */
    public OptionalLong waitFor(String username, String address) {
        if (!config.enabled() || username == null) {
            return OptionalLong.empty();
        }
        String sql = """
                SELECT ceil(extract(epoch FROM blocked_until - clock_timestamp())) FROM login_failure
                WHERE username = ? AND address = ? AND blocked_until > clock_timestamp()""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, key(username));
            ps.setString(2, Keys.bounded(address));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? OptionalLong.of(Math.max(1, rs.getLong(1))) : OptionalLong.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Login back-off lookup failed", e);
        }
    }

    /** Records a failed sign-in of the pair (one atomic upsert; failures older than backoff-memory are forgotten). */
    public void failed(String username, String address) {
        if (!config.enabled() || username == null) {
            return;
        }
        String count = """
                INSERT INTO login_failure AS f (username, address, failures, last_failure)
                VALUES (?, ?, 1, clock_timestamp())
                ON CONFLICT (username, address) DO UPDATE SET
                  failures = CASE WHEN f.last_failure < clock_timestamp() - make_interval(secs => ?) THEN 1 ELSE f.failures + 1 END,
                  last_failure = clock_timestamp()
                RETURNING failures""";
        String block = "UPDATE login_failure SET blocked_until = clock_timestamp() + make_interval(secs => ?) WHERE username = ? AND address = ?";
        try (Connection c = dataSource.getConnection()) {
            int failures;
            try (PreparedStatement ps = c.prepareStatement(count)) {
                ps.setString(1, key(username));
                ps.setString(2, Keys.bounded(address));
                ps.setDouble(3, config.backoffMemory().toMillis() / 1000.0);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    failures = rs.getInt(1);
                }
            }
            pause(failures).ifPresent(seconds -> {
                try (PreparedStatement ps = c.prepareStatement(block)) {
                    ps.setDouble(1, seconds);
                    ps.setString(2, key(username));
                    ps.setString(3, Keys.bounded(address));
                    ps.executeUpdate();
                } catch (SQLException e) {
                    throw new IllegalStateException("Login back-off update failed", e);
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Login back-off update failed", e);
        }
    }

    /** The pause after the {@code failures}-th failure: none before backoff-after, then doubling up to backoff-max. */
    OptionalDouble pause(int failures) {
        int after = Math.max(1, config.backoffAfter());
        if (failures < after) {
            return OptionalDouble.empty();
        }
        double initial = config.backoffInitial().toMillis() / 1000.0;
        double max = config.backoffMax().toMillis() / 1000.0;
        return OptionalDouble.of(Math.min(initial * Math.pow(2, Math.min(failures - after, 30)), max));
    }

    /** A successful sign-in clears the pair's failures. */
    public void succeeded(String username, String address) {
        if (username == null) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM login_failure WHERE username = ? AND address = ?")) {
            ps.setString(1, key(username));
            ps.setString(2, Keys.bounded(address));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Login back-off reset failed", e);
        }
    }

    /** The caller passes usernames as sign-in compares them (normalised), so "Ana" and "ana" share a count. */
    private static String key(String username) {
        return Keys.bounded(username);
    }
}
