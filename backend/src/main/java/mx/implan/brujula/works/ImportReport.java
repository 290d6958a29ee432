package mx.implan.brujula.works;

import mx.implan.brujula.http.FieldIssue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * What an import did, row by row. Rejected rows carry every problem found (field, code, and a
 * message rendered in the reader's language), so a catalogue is fixed in one pass.
 *
 * @param ignoredColumns CSV columns (or GeoJSON properties) that are not part of the format
 */
public record ImportReport(String format, String encoding, boolean dryRun, int created, int updated, int unchanged,
                           int rejected, List<String> ignoredColumns, List<Row> rows) {

    /**
     * @param row CSV line number where the record starts (the header is line 1), or the 1-based
     *            feature number in a GeoJSON FeatureCollection
     */
    public record Row(int row, String code, Outcome result, UUID id, Long rev, List<FieldIssue> errors) {
    }

    public ImportReport {
        ignoredColumns = List.copyOf(ignoredColumns);
        rows = List.copyOf(rows);
    }

    static ImportReport of(String format, String encoding, boolean dryRun, List<String> ignoredColumns, List<Row> rows) {
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        int rejected = 0;
        for (Row r : rows) {
            switch (r.result()) {
                case CREATED -> created++;
                case UPDATED -> updated++;
                case UNCHANGED -> unchanged++;
                case REJECTED -> rejected++;
            }
        }
        return new ImportReport(format, encoding, dryRun, created, updated, unchanged, rejected, ignoredColumns, rows);
    }

    public ObjectNode toJson(Locale locale) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode n = f.objectNode();
        n.put("format", format);
        n.put("encoding", encoding);
        n.put("dryRun", dryRun);
        n.put("created", created);
        n.put("updated", updated);
        n.put("unchanged", unchanged);
        n.put("rejected", rejected);
        ArrayNode ignored = n.putArray("ignoredColumns");
        ignoredColumns.forEach(ignored::add);
        ArrayNode out = n.putArray("rows");
        for (Row r : rows) {
            ObjectNode o = out.addObject();
            o.put("row", r.row());
            o.put("code", r.code());
            o.put("result", r.result().name());
            if (r.id() != null) {
                o.put("id", r.id().toString());
            }
            if (r.rev() != null) {
                o.put("rev", r.rev());
            }
            if (!r.errors().isEmpty()) {
                ArrayNode errors = o.putArray("errors");
                for (FieldIssue i : r.errors()) {
                    errors.addObject().put("field", i.field()).put("code", i.code()).put("message", i.message(locale));
                }
            }
        }
        return n;
    }
}
