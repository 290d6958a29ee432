package mx.implan.brujula.ogc;

import mx.implan.brujula.ogc.OgcCollection.KeyColumn;
import mx.implan.brujula.ogc.OgcCollection.Queryable;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The SQL of an items page, its count and one feature. Each feature leaves PostgreSQL as finished
 * GeoJSON text ({@code ST_AsGeoJSON} in the answer's CRS, properties from {@code json_build_object}),
 * so a page is copied to the client row by row and never becomes objects here.
 */
final class FeatureSql {

    /** A statement and its parameters, in order. */
    record Statement(String sql, List<Object> params) {
    }

    private FeatureSql() {
    }

    /**
     * Up to {@code limit + 1} features after (or, backwards, before) the cursor, then each row's key columns and,
     * when {@link #countsInPage}, the number of all matching rows (a window count: the page's own scan counts them).
     */
    static Statement page(OgcCollection c, ItemsRequest r, String base) {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT ").append(feature(c, r.crs(), base, params));
        for (KeyColumn k : c.key()) {
            sql.append(", ").append(Keys.select(k));
        }
        if (countsInPage(r)) {
            sql.append(", count(*) OVER ()");
        }
        sql.append(" FROM ").append(c.from()).append(" WHERE ").append(filters(c, r, params));
        boolean backwards = r.cursor().map(cur -> !cur.forward()).orElse(false);
        r.cursor().ifPresent(cur -> {
            sql.append(" AND (").append(keyColumns(c)).append(cur.forward() ? ") > (" : ") < (")
                    .append(c.key().stream().map(Keys::parameter).collect(Collectors.joining(", "))).append(")");
            params.addAll(cur.key());
        });
        sql.append(" ORDER BY ").append(c.key().stream().map(k -> k.column() + (backwards ? " DESC" : ""))
                .collect(Collectors.joining(", ")));
        sql.append(" LIMIT ").append(r.limit() + 1);
        return new Statement(sql.toString(), params);
    }

    /**
     * A first page selected by a box reads every feature in the box anyway (the spatial index finds them, then
     * they are sorted by the page key), so counting them there costs nothing more; without a box the page may
     * stop after a few index entries and a separate count is cheaper than making it read them all.
     */
    static boolean countsInPage(ItemsRequest r) {
        return r.bbox().isPresent() && r.cursor().isEmpty();
    }

    static Statement count(OgcCollection c, ItemsRequest r) {
        List<Object> params = new ArrayList<>();
        String sql = "SELECT count(*) FROM " + c.from() + " WHERE " + filters(c, r, params);
        return new Statement(sql, params);
    }

    static Statement one(OgcCollection c, String featureId, Crs crs, String base) {
        List<Object> params = new ArrayList<>();
        String sql = "SELECT " + feature(c, crs, base, params) + " FROM " + c.from() + " WHERE (" + c.where() + ") AND "
                + c.featureId().column() + " = CAST(? AS " + c.featureId().sqlType() + ")";
        params.add(featureId);
        return new Statement(sql, params);
    }

    private static String feature(OgcCollection c, Crs crs, String base, List<Object> params) {
        String properties = c.properties();
        int uses = properties.split("\\{base}", -1).length - 1;
        for (int i = 0; i < uses; i++) {
            params.add(base);
        }
        properties = properties.replace("{base}", "CAST(? AS text)");
        return "'{\"type\":\"Feature\",\"id\":' || to_json(" + c.featureId().text() + ")::text || ',\"geometry\":' || COALESCE("
                + geometry(c.geometry(), crs) + ", 'null') || ',\"properties\":' || CAST(" + properties
                + " AS text) || '}'";
    }

    /** The geometry in {@code crs}, axis order included, as GeoJSON text without a {@code crs} member. */
    static String geometry(String column, Crs crs) {
        String g = crs.srid() == 4326 ? column : "ST_Transform(" + column + ", " + crs.srid() + ")";
        if (crs.latFirst()) {
            g = "ST_FlipCoordinates(" + g + ")";
        }
        return "ST_AsGeoJSON(" + g + ", " + crs.decimals() + ", 0)";
    }

    private static String filters(OgcCollection c, ItemsRequest r, List<Object> params) {
        StringBuilder w = new StringBuilder("(").append(c.where()).append(")");
        r.bbox().ifPresent(b -> {
            w.append(" AND ST_Intersects(").append(c.geometry()).append(", ").append(envelope(b, params)).append(")");
        });
        r.datetime().ifPresent(range -> c.time().ifPresent(t -> {
            String start = t.start();
            String end = t.end().orElse(t.start());
            range.from().ifPresent(from -> {
                w.append(" AND ").append(end).append(" >= CAST(? AS timestamptz)");
                params.add(from.toString());
            });
            range.to().ifPresent(to -> {
                w.append(" AND ").append(start).append(range.toExclusive() ? " < " : " <= ").append("CAST(? AS timestamptz)");
                params.add(to.toString());
            });
        }));
        for (Map.Entry<Queryable, String> f : r.filters().entrySet()) {
            if (f.getKey().type() == Queryable.Type.ZONE) {
                w.append(" AND ST_Intersects(").append(c.geometry()).append(", (SELECT zf.geom FROM zone zf WHERE zf.id = ?))");
            } else {
                w.append(" AND CAST(").append(f.getKey().column()).append(" AS text) = ?");
            }
            params.add(f.getValue());
        }
        return w.toString();
    }

    /**
     * The box as a polygon in EPSG:4326 (lon/lat). A projected box is densified before it is
     * transformed, so its edges (straight in the projection) stay where they were drawn.
     */
    private static String envelope(ItemsRequest.Envelope b, List<Object> params) {
        Crs crs = b.crs();
        if (crs.srid() == 4326) {
            if (crs.latFirst()) {
                params.addAll(List.of(b.y1(), b.x1(), b.y2(), b.x2()));
            } else {
                params.addAll(List.of(b.x1(), b.y1(), b.x2(), b.y2()));
            }
            return "ST_MakeEnvelope(?, ?, ?, ?, 4326)";
        }
        params.addAll(List.of(b.x1(), b.y1(), b.x2(), b.y2(), Math.max(1.0, Math.max(b.x2() - b.x1(), b.y2() - b.y1()) / 32)));
        return "ST_Transform(ST_Segmentize(ST_MakeEnvelope(?, ?, ?, ?, " + crs.srid() + "), ?), 4326)";
    }

    private static String keyColumns(OgcCollection c) {
        return c.key().stream().map(KeyColumn::column).collect(Collectors.joining(", "));
    }
}
