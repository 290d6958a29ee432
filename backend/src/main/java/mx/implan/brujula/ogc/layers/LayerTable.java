package mx.implan.brujula.ogc.layers;

import mx.implan.brujula.http.FieldIssue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A table of schema {@code layers} as the PostgreSQL catalogue describes it, and whether it can be
 * published: one geometry column with a known SRID, and a one-column primary key of a type a page
 * key and a feature id can be (integer, bigint, text, uuid).
 */
record LayerTable(String name, List<Column> columns, List<GeometryColumn> geometries, List<String> primaryKey) {

    /** Column types a one-column primary key may have, by {@code pg_type.typname}, and the page key type each becomes. */
    private static final Map<String, String> KEY_TYPES = Map.of(
            "int2", "integer", "int4", "integer", "int8", "bigint", "text", "text", "varchar", "text", "uuid", "uuid");
    private static final Set<String> TEMPORAL = Set.of("date", "timestamp", "timestamptz");

    /** A non-geometry column: its name, {@code pg_type.typname} and the type as SQL writes it. */
    record Column(String name, String typname, String sqlType) {
        boolean temporal() {
            return TEMPORAL.contains(typname);
        }
    }

    /** A geometry column; {@code srid} 0 when the column does not constrain it; {@code knownSrid} when spatial_ref_sys has it. */
    record GeometryColumn(String name, String type, int srid, boolean knownSrid) {
        /** The GeoJSON / OGC name of the geometry type ({@code MULTIPOLYGON} → {@code MultiPolygon}), {@code Geometry} for any. */
        String ogcType() {
            // geometry_columns writes XYM types with a trailing M (POINTM); no base name ends in M.
            String t = type.toUpperCase(Locale.ROOT);
            if (t.endsWith("M")) {
                t = t.substring(0, t.length() - 1);
            }
            return switch (t) {
                case "POINT" -> "Point";
                case "LINESTRING" -> "LineString";
                case "POLYGON" -> "Polygon";
                case "MULTIPOINT" -> "MultiPoint";
                case "MULTILINESTRING" -> "MultiLineString";
                case "MULTIPOLYGON" -> "MultiPolygon";
                case "GEOMETRYCOLLECTION" -> "GeometryCollection";
                default -> "Geometry";
            };
        }
    }

    Optional<Column> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    /** The geometry column, when there is exactly one. */
    Optional<GeometryColumn> geometry() {
        return geometries.size() == 1 ? Optional.of(geometries.get(0)) : Optional.empty();
    }

    /** The feature id column, when the primary key is one column of a usable type. */
    Optional<Column> idColumn() {
        return primaryKey.size() == 1 ? column(primaryKey.get(0)).filter(c -> KEY_TYPES.containsKey(c.typname())) : Optional.empty();
    }

    /** The SQL type a page cursor's text is cast back to for the id column. */
    static String keyType(Column id) {
        return KEY_TYPES.get(id.typname());
    }

    /** Why this table cannot be published, as issues on the field {@code table}; empty when it can. */
    List<FieldIssue> problems() {
        List<FieldIssue> issues = new ArrayList<>();
        if (geometries.isEmpty()) {
            issues.add(new FieldIssue("table", "LAYER_NO_GEOMETRY", "The table has no geometry column"));
        } else if (geometries.size() > 1) {
            issues.add(new FieldIssue("table", "LAYER_SEVERAL_GEOMETRIES", "The table has {0} geometry columns; a layer needs exactly one",
                    geometries.size()));
        } else if (!geometries.get(0).knownSrid()) {
            issues.add(new FieldIssue("table", "LAYER_UNKNOWN_SRID",
                    "The geometry column {0} has no known SRID (declare it, e.g. geometry(MultiPolygon, 6372))", geometries.get(0).name()));
        }
        if (primaryKey.isEmpty()) {
            issues.add(new FieldIssue("table", "LAYER_NO_PRIMARY_KEY", "The table has no primary key"));
        } else if (primaryKey.size() > 1) {
            issues.add(new FieldIssue("table", "LAYER_COMPOSITE_KEY", "The primary key has {0} columns; a layer needs one", primaryKey.size()));
        } else if (idColumn().isEmpty()) {
            issues.add(new FieldIssue("table", "LAYER_KEY_TYPE", "The primary key {0} must be integer, bigint, text or uuid",
                    primaryKey.get(0)));
        }
        return issues;
    }
}
