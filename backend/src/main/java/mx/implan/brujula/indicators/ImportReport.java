package mx.implan.brujula.indicators;

import mx.implan.brujula.http.FieldIssue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Locale;

/**
 * What an import of indicator values did, row by row; rejected rows carry every problem found.
 *
 * @param format CSV or JSON
 */
public record ImportReport(String format, String encoding, int created, int updated, int unchanged, int rejected,
                           List<String> ignoredColumns, List<Row> rows) {

    public enum Outcome { CREATED, UPDATED, UNCHANGED, REJECTED }

    /**
     * @param row  CSV: the line the record starts on (the header is line 1); JSON: the 1-based position in the list
     * @param line the line of the file where the row starts (the same as {@code row} for CSV)
     * @param key  indicator, zone, period type, period start and dimension as given (null parts when missing)
     */
    public record Row(int row, int line, List<String> key, Outcome result, List<FieldIssue> errors) {
    }

    public ImportReport {
        ignoredColumns = List.copyOf(ignoredColumns);
        rows = List.copyOf(rows);
    }

    static ImportReport of(String format, String encoding, List<String> ignored, List<Row> rows) {
        int[] n = new int[Outcome.values().length];
        rows.forEach(r -> n[r.result().ordinal()]++);
        return new ImportReport(format, encoding, n[0], n[1], n[2], n[3], ignored, rows);
    }

    public ObjectNode toJson(Locale locale) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("format", format);
        n.put("encoding", encoding);
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
            o.put("line", r.line());
            ObjectNode key = o.putObject("key");
            String[] names = {"indicatorCode", "zoneId", "periodType", "periodStart", "dimension"};
            for (int i = 0; i < names.length; i++) {
                key.put(names[i], r.key().get(i));
            }
            o.put("result", r.result().name());
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
