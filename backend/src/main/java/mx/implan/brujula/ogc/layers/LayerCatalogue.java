package mx.implan.brujula.ogc.layers;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import mx.implan.brujula.ogc.layers.LayerTable.Column;
import mx.implan.brujula.ogc.layers.LayerTable.GeometryColumn;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tables of schema {@value #SCHEMA} as PostgreSQL's catalogue (pg_catalog, PostGIS's
 * geometry_columns) describes them. Every identifier the published SQL uses comes from here,
 * never from a request: a request's table name only selects one of these.
 */
@ApplicationScoped
public class LayerCatalogue {

    /** The schema the GIS team loads layers into (created by migration V17). */
    public static final String SCHEMA = "layers";

    private static final String COLUMNS = """
            SELECT c.relname, a.attname, t.typname, format_type(a.atttypid, a.atttypmod),
                   EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indisprimary AND a.attnum = ANY (i.indkey))
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
            JOIN pg_type t ON t.oid = a.atttypid
            WHERE n.nspname = ? AND c.relkind IN ('r', 'p') AND (CAST(? AS text) IS NULL OR c.relname = ?)
            ORDER BY c.relname, a.attnum""";
    private static final String GEOMETRIES = """
            SELECT g.f_table_name, g.f_geometry_column, g.type, g.srid,
                   g.srid > 0 AND EXISTS (SELECT 1 FROM spatial_ref_sys s WHERE s.srid = g.srid)
            FROM geometry_columns g
            WHERE g.f_table_schema = ? AND (CAST(? AS text) IS NULL OR g.f_table_name = ?)""";

    @Inject
    AgroalDataSource dataSource;

    /** Every table of the schema, by name. */
    public List<LayerTable> tables() {
        return new ArrayList<>(read(null).values());
    }

    /** The table called exactly {@code name} in the schema, if there is one. */
    public Optional<LayerTable> table(String name) {
        return Optional.ofNullable(read(name).get(name));
    }

    private Map<String, LayerTable> read(String only) {
        Map<String, List<Column>> columns = new LinkedHashMap<>();
        Map<String, List<String>> keys = new LinkedHashMap<>();
        Map<String, List<GeometryColumn>> geometries = new LinkedHashMap<>();
        try (Connection conn = dataSource.getConnection()) {
            try (PreparedStatement ps = statement(conn, GEOMETRIES, only); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    geometries.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new GeometryColumn(rs.getString(2), rs.getString(3), rs.getInt(4), rs.getBoolean(5)));
                }
            }
            try (PreparedStatement ps = statement(conn, COLUMNS, only); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String table = rs.getString(1);
                    String name = rs.getString(2);
                    columns.computeIfAbsent(table, k -> new ArrayList<>());
                    keys.computeIfAbsent(table, k -> new ArrayList<>());
                    if (rs.getBoolean(5)) {
                        keys.get(table).add(name);
                    }
                    boolean geometry = geometries.getOrDefault(table, List.of()).stream().anyMatch(g -> g.name().equals(name));
                    if (!geometry) {
                        columns.get(table).add(new Column(name, rs.getString(3), rs.getString(4)));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the catalogue of schema " + SCHEMA, e);
        }
        Map<String, LayerTable> tables = new LinkedHashMap<>();
        columns.forEach((table, cols) -> tables.put(table, new LayerTable(table, List.copyOf(cols),
                List.copyOf(geometries.getOrDefault(table, List.of())), List.copyOf(keys.get(table)))));
        return tables;
    }

    private static PreparedStatement statement(Connection conn, String sql, String only) throws SQLException {
        PreparedStatement ps = conn.prepareStatement(sql);
        ps.setString(1, SCHEMA);
        ps.setString(2, only);
        ps.setString(3, only);
        return ps;
    }
}
