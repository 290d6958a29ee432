package mx.implan.brujula.ogc.layers;

import mx.implan.brujula.http.FieldIssue;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;

/** What the admin API answers about layers: the tables of schema {@code layers} and their registrations. */
public final class LayerViews {

    private LayerViews() {
    }

    /**
     * A table of the schema (or a registered one that is gone): its geometry, key and columns as
     * the catalogue says, why it cannot be published (empty when it can), and its registration.
     */
    public record TableView(String table, String geometryColumn, String geometryType, Integer srid, String primaryKey,
                            List<ColumnView> columns, List<ProblemView> problems, LayerView layer) {

        static TableView of(LayerTable t, ReferenceLayer layer, Locale locale) {
            LayerTable.GeometryColumn g = t.geometry().orElse(null);
            return new TableView(t.name(), g == null ? null : g.name(), g == null ? null : g.ogcType(), g == null ? null : g.srid(),
                    t.primaryKey().size() == 1 ? t.primaryKey().get(0) : null,
                    t.columns().stream().map(c -> new ColumnView(c.name(), c.sqlType())).toList(),
                    t.problems().stream().map(p -> new ProblemView(p.code(), p.message(locale))).toList(),
                    layer == null ? null : LayerView.of(layer));
        }

        static TableView missing(ReferenceLayer layer, Locale locale) {
            return new TableView(layer.tableName, null, null, null, null, List.of(),
                    List.of(new ProblemView("LAYER_TABLE_MISSING", new FieldIssue("table", "LAYER_TABLE_MISSING",
                            "The table no longer exists in schema layers").message(locale))), LayerView.of(layer));
        }
    }

    public record ColumnView(String name, String type) {
    }

    public record ProblemView(String code, String message) {
    }

    /** A registration; {@code collection} is the OGC collection's path. */
    public record LayerView(String id, String table, String title, String description, String audience, String timeColumn,
                            String geometryColumn, String geometryType, int srid, String idColumn, String registeredBy,
                            OffsetDateTime registeredAt, String updatedBy, OffsetDateTime updatedAt, String collection) {

        static LayerView of(ReferenceLayer l) {
            return new LayerView(l.id, l.tableName, l.title, l.description, l.audience, l.timeColumn, l.geometryColumn,
                    l.geometryType, l.srid, l.idColumn, l.registeredBy, l.registeredAt, l.updatedBy, l.updatedAt,
                    "/ogc/collections/" + l.id);
        }
    }
}
