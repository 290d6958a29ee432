package mx.implan.brujula.support;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Plain JDBC reads of the real database, so tests check what was written, not what the API says. */
@ApplicationScoped
public class TestDb {

    @Inject
    AgroalDataSource dataSource;

    public long count(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public String string(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public int execute(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A connection the test controls (e.g. to hold a transaction open). */
    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    /** Row counts of every table a push writes, to prove a rejected request wrote nothing. */
    public long writes() {
        return count("SELECT (SELECT count(*) FROM observation) + (SELECT count(*) FROM observation_revision)"
                + " + (SELECT count(*) FROM applied_op) + (SELECT count(*) FROM change_log) + (SELECT count(*) FROM outbox)"
                + " + (SELECT count(*) FROM sync_conflict)");
    }
}
