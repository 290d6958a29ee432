package mx.implan.brujula.hostile;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The state of the user data, per table: row count and the newest row version ({@code max(xmin)}), so an insert, an
 * update or a delete shows. Every table of the schema is included but the bookkeeping a refused request may
 * legitimately write (rate-limit windows, login failures, the audit of reads) and what no request writes.
 */
record DataFingerprint(Map<String, String> tables) {

    private static final Set<String> BOOKKEEPING = Set.of("rate_counter", "login_failure", "audit_log", "signing_key",
            "flyway_schema_history", "spatial_ref_sys");
    private static List<String> userTables;

    static DataFingerprint of(HostileBackend backend) {
        try (Statement s = backend.connection().createStatement()) {
            List<String> names = tables(s);
            StringBuilder q = new StringBuilder();
            for (String t : names) {
                q.append(q.isEmpty() ? "" : " UNION ALL ").append("SELECT '").append(t)
                        .append("', count(*) || '/' || coalesce(max(xmin::text::bigint), 0) FROM ").append(t);
            }
            Map<String, String> out = new TreeMap<>();
            try (ResultSet rs = s.executeQuery(q.toString())) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
            return new DataFingerprint(out);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not fingerprint the data", e);
        }
    }

    private static synchronized List<String> tables(Statement s) throws SQLException {
        if (userTables == null) {
            List<String> names = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
                    + " AND table_type = 'BASE TABLE' ORDER BY table_name")) {
                while (rs.next()) {
                    if (!BOOKKEEPING.contains(rs.getString(1))) {
                        names.add(rs.getString(1));
                    }
                }
            }
            userTables = List.copyOf(names);
        }
        return userTables;
    }

    /** The tables that differ, as {@code table: before → after}. */
    String differences(DataFingerprint after) {
        StringBuilder d = new StringBuilder();
        tables.forEach((t, v) -> {
            if (!v.equals(after.tables.get(t))) {
                d.append(t).append(": ").append(v).append(" → ").append(after.tables.get(t)).append("; ");
            }
        });
        return d.toString();
    }

    long rows(String table) {
        return Long.parseLong(tables.get(table).split("/")[0]);
    }
}
