package mx.implan.brujula.ogc.tiles;

import mx.implan.brujula.ogc.OgcCollection;
import mx.implan.brujula.ogc.OgcCollection.Queryable;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The SQL of one Mapbox Vector Tile, built by PostGIS ({@code ST_TileEnvelope}, {@code ST_AsMVTGeom},
 * {@code ST_AsMVT}) from a collection's own FROM, WHERE, geometry and properties: the layer is named
 * after the collection and each feature carries its id and the collection's simple properties
 * (strings, numbers, booleans; lists and objects such as photo URLs are left out). Every parameter
 * is bound; the SQL text comes from the collection definition only.
 */
final class TileSql {

    /** Tile coordinates per side, and the band around the tile drawn too so symbols are not cut at its edge. */
    static final int EXTENT = 4096;
    static final int BUFFER = 64;

    /** The properties counted per cluster, in this order, when the collection has them as queryables. */
    private static final List<String> FACETS = List.of("kind", "status", "severity");
    private static final List<String> SEVERITIES = IntStream.rangeClosed(1, 5).mapToObj(Integer::toString).toList();

    record Statement(String sql, List<Object> params) {
    }

    private TileSql() {
    }

    /** Every feature of the tile (and its buffer), clipped and simplified to the tile's grid by ST_AsMVTGeom. */
    static Statement features(OgcCollection c, TileAddress t, String base) {
        List<Object> params = new ArrayList<>();
        bounds(params, t);
        params.add(c.id());
        String sql = BOUNDS + "SELECT ST_AsMVT(f, ?, " + EXTENT + ", 'geom') FROM (" + featureRows(c, "TRUE", "", base, params)
                + ") f WHERE f.geom IS NOT NULL";
        return new Statement(sql, params);
    }

    /**
     * Points grouped in a grid of {@code cells}×{@code cells} over the tile: one point per non-empty
     * cell at the mean of its members, with {@code count} and a count per kind, status and severity
     * value ({@code status_OPEN}, {@code severity_4}; zeros left out). Only the tile's own points
     * (its envelope, east and south edges excluded) count, so the tiles of a zoom add up to the
     * collection. Lines and polygons are drawn as themselves, with their properties.
     */
    static Statement clusters(OgcCollection c, TileAddress t, int cells, String base) {
        List<Object> params = new ArrayList<>();
        bounds(params, t);
        StringBuilder columns = new StringBuilder();
        StringBuilder counts = new StringBuilder();
        StringBuilder picked = new StringBuilder();
        StringBuilder nulls = new StringBuilder(", NULL AS cluster, CAST(NULL AS bigint) AS count");
        for (String name : FACETS) {
            c.queryable(name).ifPresent(q -> {
                columns.append(", CAST(").append(q.column()).append(" AS text) AS ").append(name);
                for (String value : values(q)) {
                    // Values come from the collection's catalogue (enums), never from a request.
                    String attribute = '"' + name + '_' + value + '"';
                    counts.append(", NULLIF(count(*) FILTER (WHERE cell.").append(name).append(" = '").append(value)
                            .append("'), 0) AS ").append(attribute);
                    picked.append(", agg.").append(attribute);
                    nulls.append(", CAST(NULL AS bigint) AS ").append(attribute);
                }
            });
        }
        double n = Math.pow(2, t.z());
        params.addAll(List.of(n, t.x(), n, t.y(), cells, cells, c.id()));
        // Tile coordinates straight from longitude and latitude (the Web Mercator formulas): no
        // reprojection of each of the tile's points, which at low zoom may be all of them.
        String sql = BOUNDS
                + ", pts AS (SELECT ST_X(" + c.geometry() + ") AS lon, ST_Y(" + c.geometry() + ") AS lat" + columns + " FROM " + c.from()
                + ", bounds WHERE (" + c.where() + ") AND " + c.geometry() + " && bounds.box AND GeometryType(" + c.geometry() + ") = 'POINT'), "
                + "cell AS (SELECT pts.*, (lon + 180) / 360 * ? - ? AS tx, "
                + "(1 - ln(tan(radians(lat)) + 1 / cos(radians(lat))) / pi()) / 2 * ? - ? AS ty FROM pts), "
                + "agg AS (SELECT ST_MakePoint(round(avg(cell.tx) * " + EXTENT + "), round(avg(cell.ty) * " + EXTENT + ")) AS g, count(*) AS count"
                + counts + " FROM cell WHERE cell.tx >= 0 AND cell.tx < 1 AND cell.ty >= 0 AND cell.ty < 1"
                + " GROUP BY floor(cell.tx * ?), floor(cell.ty * ?)) "
                + "SELECT ST_AsMVT(f, ?, " + EXTENT + ", 'geom') FROM ("
                + "SELECT agg.g AS geom, CAST(NULL AS text) AS id, "
                + "CAST(NULL AS jsonb) AS properties, true AS cluster, agg.count" + picked + " FROM agg"
                + " UNION ALL " + featureRows(c, "GeometryType(" + c.geometry() + ") <> 'POINT'", nulls.toString(), base, params)
                + ") f WHERE f.geom IS NOT NULL";
        return new Statement(sql, params);
    }

    private static final String BOUNDS = "WITH bounds AS (SELECT ST_TileEnvelope(?, ?, ?) AS env, "
            + "ST_Transform(ST_TileEnvelope(?, ?, ?), 4326) AS box, ST_Transform(ST_TileEnvelope(?, ?, ?, margin => ?), 4326) AS wide) ";

    private static void bounds(List<Object> params, TileAddress t) {
        for (int i = 0; i < 3; i++) {
            params.add(t.z());
            params.add(t.x());
            params.add(t.y());
        }
        params.add((double) BUFFER / EXTENT);
    }

    /** The features of the tile and its buffer matching {@code predicate}: geometry, id, simple properties, then {@code more} columns. */
    private static String featureRows(OgcCollection c, String predicate, String more, String base, List<Object> params) {
        String properties = c.properties();
        int uses = properties.split("\\{base}", -1).length - 1;
        for (int i = 0; i < uses; i++) {
            params.add(base);
        }
        properties = properties.replace("{base}", "CAST(? AS text)");
        return "SELECT ST_AsMVTGeom(ST_Transform(" + c.geometry() + ", 3857), bounds.env, " + EXTENT + ", " + BUFFER + ", true) AS geom, "
                + c.featureId().text() + " AS id, "
                + "(SELECT jsonb_object_agg(p.key, p.value) FROM jsonb_each(CAST((" + properties + ") AS jsonb)" + omitted(c) + ") p "
                + "WHERE jsonb_typeof(p.value) IN ('string', 'number', 'boolean')) AS properties" + more
                + " FROM " + c.from() + ", bounds WHERE (" + c.where() + ") AND " + c.geometry() + " && bounds.wide AND " + predicate;
    }

    /** The attributes of a cluster point besides {@code cluster}: {@code count}, then one per counted value. */
    static List<String> clusterFields(OgcCollection c) {
        List<String> fields = new ArrayList<>(List.of("count"));
        for (String name : FACETS) {
            c.queryable(name).ifPresent(q -> values(q).forEach(v -> fields.add(name + '_' + v)));
        }
        return fields;
    }

    private static String omitted(OgcCollection c) {
        StringBuilder s = new StringBuilder();
        TileInvalidation.derivedProperties(c.id()).forEach(p -> s.append(" - '").append(p).append("'"));
        return s.toString();
    }

    private static List<String> values(Queryable q) {
        if (!q.values().isEmpty()) {
            return q.values();
        }
        return "severity".equals(q.name()) ? SEVERITIES : List.of();
    }
}
