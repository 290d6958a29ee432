package mx.implan.brujula.works;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A work as a source delivered it, before validation. {@code values} are keyed by the CSV column
 * names (the catalogue's canonical field names); {@code fieldName} turns such a key into the path
 * the caller knows ({@code budget_mxn} in a CSV, {@code properties.budget_mxn} in GeoJSON,
 * {@code budgetMxn} in a JSON body) so errors point at what the user wrote.
 *
 * @param row      CSV line number or 1-based GeoJSON feature number; 0 for a single JSON body
 * @param geometry a GeoJSON geometry object, or null when the geometry is in lon/lat/wkt values
 */
public record WorkDraft(int row, Map<String, JsonNode> values, JsonNode geometry, UnaryOperator<String> fieldName) {

    public static final String CODE = "code";
    public static final String NAME = "name";
    public static final String PROGRAMME = "programme";
    public static final String FUND = "fund";
    public static final String BUDGET = "budget_mxn";
    public static final String CONTRACTOR = "contractor";
    public static final String START = "planned_start";
    public static final String END = "planned_end";
    public static final String LON = "lon";
    public static final String LAT = "lat";
    public static final String WKT = "wkt";
    public static final String DESCRIPTION = "description";
    /** Not a CSV column (a list does not fit a cell); GeoJSON properties and JSON bodies may carry it. */
    public static final String CURVE = "planned_curve";
    public static final String GEOMETRY = "geometry";

    /** The CSV columns, in the documented order. */
    public static final java.util.List<String> CSV_COLUMNS = java.util.List.of(
            CODE, NAME, PROGRAMME, FUND, BUDGET, CONTRACTOR, START, END, LON, LAT, WKT, DESCRIPTION);

    public JsonNode value(String key) {
        return values.get(key);
    }

    public String field(String key) {
        return fieldName.apply(key);
    }
}
