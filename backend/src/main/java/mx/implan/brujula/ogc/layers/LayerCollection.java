package mx.implan.brujula.ogc.layers;

import mx.implan.brujula.ogc.OgcCollection;
import mx.implan.brujula.ogc.OgcCollection.Audience;
import mx.implan.brujula.ogc.OgcCollection.FeatureId;
import mx.implan.brujula.ogc.OgcCollection.KeyColumn;
import mx.implan.brujula.ogc.OgcCollection.Queryable;
import mx.implan.brujula.ogc.OgcCollection.Time;
import mx.implan.brujula.ogc.layers.LayerTable.Column;
import mx.implan.brujula.ogc.layers.LayerTable.GeometryColumn;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A registered table as an {@link OgcCollection}. Identifiers are the catalogue's, always quoted;
 * the geometry leaves in EPSG:4326 (transformed in PostGIS when the table has another SRID); the
 * properties are the table's other columns; its text, integer and boolean columns are queryables.
 */
final class LayerCollection {

    /** What an administrator registered: the collection's id, table, texts, audience and time column. */
    record Registration(String id, String table, String title, String description, Audience audience, Optional<String> timeColumn) {
    }

    /** The table's alias in every statement. */
    private static final String ALIAS = "t";
    /** jsonb_build_object takes at most 100 arguments: properties are built 50 columns at a time and joined. */
    private static final int COLUMNS_PER_OBJECT = 50;
    /** A column becomes a queryable only with a name a query string carries plainly and that no OGC parameter has. */
    private static final Pattern QUERYABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    private static final Set<String> OGC_PARAMETERS = Set.of("f", "limit", "bbox", "datetime", "crs", "cursor");
    private static final Set<String> TEXT = Set.of("text", "varchar", "bpchar");
    private static final Set<String> INTEGER = Set.of("int2", "int4", "int8");

    private LayerCollection() {
    }

    /** The collection, or empty when the table no longer is publishable (dropped, reloaded without a key…). */
    static Optional<OgcCollection> of(Registration r, LayerTable table) {
        Optional<GeometryColumn> geometry = table.geometry();
        Optional<Column> id = table.idColumn();
        if (!table.problems().isEmpty() || geometry.isEmpty() || id.isEmpty()) {
            return Optional.empty();
        }
        Optional<Time> time = Optional.empty();
        if (r.timeColumn().isPresent()) {
            Optional<Column> column = table.column(r.timeColumn().get()).filter(Column::temporal);
            if (column.isEmpty()) {
                return Optional.empty();
            }
            time = Optional.of(Time.instant(column(column.get().name())));
        }
        String key = column(id.get().name());
        String keyType = LayerTable.keyType(id.get());
        // Numeric ids are compared as text: a path id that is not a number then matches nothing instead of failing a cast.
        FeatureId featureId = "uuid".equals(keyType) || "text".equals(keyType) ? new FeatureId(key, keyType)
                : new FeatureId("CAST(" + key + " AS text)", "text");
        GeometryColumn g = geometry.get();
        String geom = g.srid() == 4326 ? column(g.name()) : "ST_Transform(" + column(g.name()) + ", 4326)";
        return Optional.of(new OgcCollection(r.id(), r.title(), r.description(), r.audience(), g.ogcType(),
                quote(LayerCatalogue.SCHEMA) + "." + quote(table.name()) + " " + ALIAS, "TRUE", featureId, geom, time,
                List.of(new KeyColumn(key, keyType)), properties(table.columns()), queryables(table.columns())));
    }

    private static String properties(List<Column> columns) {
        List<Column> shown = columns.stream().filter(LayerCollection::usable).toList();
        if (shown.isEmpty()) {
            return "'{}'::jsonb";
        }
        List<String> objects = new ArrayList<>();
        for (int from = 0; from < shown.size(); from += COLUMNS_PER_OBJECT) {
            objects.add("jsonb_build_object(" + shown.subList(from, Math.min(shown.size(), from + COLUMNS_PER_OBJECT)).stream()
                    .map(c -> literal(c.name()) + ", " + column(c.name())).collect(Collectors.joining(", ")) + ")");
        }
        // nulls left out, as the GIS team's tables are often sparse
        return "jsonb_strip_nulls(" + String.join(" || ", objects) + ")";
    }

    private static List<Queryable> queryables(List<Column> columns) {
        List<Queryable> out = new ArrayList<>();
        for (Column c : columns) {
            if (!QUERYABLE_NAME.matcher(c.name()).matches() || OGC_PARAMETERS.contains(c.name())) {
                continue;
            }
            String description = "Columna " + c.name() + " (" + c.sqlType() + ")";
            if (TEXT.contains(c.typname())) {
                out.add(Queryable.text(c.name(), column(c.name()), description));
            } else if (INTEGER.contains(c.typname())) {
                out.add(Queryable.integer(c.name(), column(c.name()), description));
            } else if ("bool".equals(c.typname())) {
                out.add(Queryable.bool(c.name(), column(c.name()), description));
            }
        }
        return List.copyOf(out);
    }

    /**
     * Whether a column can go into the SQL of the properties: the OGC code substitutes the text
     * {@code {base}} in them, so a name with braces (never one ogr2ogr or QGIS writes) is left out.
     */
    private static boolean usable(Column c) {
        return c.name().indexOf('{') < 0 && c.name().indexOf('}') < 0;
    }

    private static String column(String name) {
        return ALIAS + "." + quote(name);
    }

    /** A quoted SQL identifier, as PostgreSQL's quote_ident writes it. */
    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
