package mx.implan.brujula.ogc;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs the statements of {@link FeatureSql}. A page is an open cursor over finished GeoJSON rows,
 * handed to the caller to copy out as it reads (a read-only transaction, fetched in batches), so
 * 10,000 features never sit in memory at once.
 */
@ApplicationScoped
public class FeaturePages {

    private static final int FETCH = 500;

    @Inject
    AgroalDataSource dataSource;

    /** A page being read: features in page order, each with its key; close it when done. */
    public interface Page extends AutoCloseable {
        /** The next feature, or empty at the end. */
        Optional<Row> next() throws SQLException;

        @Override
        void close();
    }

    /** One feature as GeoJSON text, the values of its page key, and the count of all matches when the page counts them. */
    public record Row(String geojson, List<String> key, Optional<Long> matched) {
    }

    public boolean zoneExists(String id) throws SQLException {
        try (Connection conn = dataSource.getConnection();
             PreparedStatement ps = conn.prepareStatement("SELECT 1 FROM zone WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    public long count(OgcCollection c, ItemsRequest r) throws SQLException {
        FeatureSql.Statement s = FeatureSql.count(c, r);
        try (Connection conn = dataSource.getConnection(); PreparedStatement ps = prepare(conn, s);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    public Optional<String> one(OgcCollection c, String id, Crs crs, String base) throws SQLException {
        FeatureSql.Statement s = FeatureSql.one(c, id, crs, base);
        try (Connection conn = dataSource.getConnection(); PreparedStatement ps = prepare(conn, s);
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        }
    }

    /** Opens the page's cursor; the statement has run when this returns (errors surface here, before any byte is sent). */
    public Page open(OgcCollection c, ItemsRequest r, String base) throws SQLException {
        FeatureSql.Statement s = FeatureSql.page(c, r, base);
        Connection conn = dataSource.getConnection();
        try {
            conn.setAutoCommit(false);
            conn.setReadOnly(true);
            PreparedStatement ps = prepare(conn, s);
            ps.setFetchSize(FETCH);
            ResultSet rs = ps.executeQuery();
            int keys = c.key().size();
            boolean counts = FeatureSql.countsInPage(r);
            return new Page() {
                @Override
                public Optional<Row> next() throws SQLException {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    List<String> key = new ArrayList<>(keys);
                    for (int i = 0; i < keys; i++) {
                        key.add(rs.getString(2 + i));
                    }
                    return Optional.of(new Row(rs.getString(1), key, counts ? Optional.of(rs.getLong(2 + keys)) : Optional.empty()));
                }

                @Override
                public void close() {
                    release(conn);
                }
            };
        } catch (SQLException | RuntimeException e) {
            release(conn);
            throw e;
        }
    }

    private static void release(Connection conn) {
        try {
            conn.rollback();
            conn.setReadOnly(false);
            conn.setAutoCommit(true);
        } catch (SQLException ignored) {
            // the connection is closed below either way; the pool discards a broken one
        } finally {
            try {
                conn.close();
            } catch (SQLException ignored) {
                // nothing more to do with a connection that cannot even close
            }
        }
    }

    private static PreparedStatement prepare(Connection conn, FeatureSql.Statement s) throws SQLException {
        PreparedStatement ps = conn.prepareStatement(s.sql());
        int i = 1;
        for (Object p : s.params()) {
            ps.setObject(i++, p);
        }
        return ps;
    }
}
