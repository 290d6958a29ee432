package mx.implan.brujula.testing;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Plain JDBC for test assertions, independent of the Hibernate code under test. */
@ApplicationScoped
public class Db {

    @Inject
    AgroalDataSource dataSource;

    public long count(String sql, Object... args) {
        return ((Number) one(sql, args)).longValue();
    }

    public Object one(String sql, Object... args) {
        List<Object> rows = column(sql, args);
        if (rows.size() != 1) {
            throw new IllegalStateException("expected one row, got " + rows.size() + " for " + sql);
        }
        return rows.get(0);
    }

    public List<Object> column(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            List<Object> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getObject(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public int update(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first column of the first row as text, or null when there is no row. */
    public String string(String sql, Object... args) {
        List<Object> rows = column(sql, args);
        return rows.isEmpty() || rows.get(0) == null ? null : rows.get(0).toString();
    }

    /**
     * Waits until every change-log row is deliverable by pull: no transaction older than one of
     * them is still running. Transaction ids are shared by every database of the server, so
     * another database's long transaction (other test runs on the same PostgreSQL) holds pulls
     * back too; waiting for it keeps a test's expectations about pull exact.
     */
    public void awaitFeedSettled() {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                .pollInterval(java.time.Duration.ofMillis(100))
                .until(() -> count("SELECT count(*) FROM change_log WHERE txid >= pg_snapshot_xmin(pg_current_snapshot())") == 0);
    }

    /** A connection the test controls (e.g. to hold a transaction open). */
    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    /** Row counts of every table a device write touches, to prove a rejected request wrote nothing. */
    public long writes() {
        return count("SELECT (SELECT count(*) FROM observation) + (SELECT count(*) FROM observation_revision)"
                + " + (SELECT count(*) FROM applied_op) + (SELECT count(*) FROM change_log) + (SELECT count(*) FROM outbox)"
                + " + (SELECT count(*) FROM sync_conflict)");
    }
}
