package mx.implan.brujula.works;

import mx.implan.brujula.http.FieldIssue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The row rules, without a database: one test per class of bad input. */
class WorkValidatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A valid CSV row with {@code overrides} applied (empty string = cell left empty). */
    private static WorkValidator.Result csvRow(String... overrides) {
        Map<String, JsonNode> values = new HashMap<>();
        values.put("code", TextNode.valueOf("V-1"));
        values.put("name", TextNode.valueOf("Obra válida"));
        values.put("lon", TextNode.valueOf("-110.9613"));
        values.put("lat", TextNode.valueOf("29.0729"));
        for (int i = 0; i < overrides.length; i += 2) {
            values.put(overrides[i], TextNode.valueOf(overrides[i + 1]));
        }
        return WorkValidator.validate(new WorkDraft(2, values, null, UnaryOperator.identity()));
    }

    private static List<org.assertj.core.groups.Tuple> issues(WorkValidator.Result r) {
        return r.issues().stream().map(i -> tuple(i.field(), i.code())).toList();
    }

    @Test
    void acceptsAMinimalRowAndNormalisesIt() {
        WorkValidator.Result r = csvRow("budget_mxn", "$1,250,000.555", "planned_start", "15/03/2025",
                "planned_end", "2025-12-31", "programme", "  FORTALECE  ");
        assertThat(r.issues()).isEmpty();
        WorkInput w = r.work();
        assertThat(w.budgetMxn()).isEqualTo(new BigDecimal("1250000.56"));
        assertThat(w.plannedStart()).isEqualTo(LocalDate.of(2025, 3, 15));
        assertThat(w.programme()).isEqualTo("FORTALECE");
        assertThat(w.geometry().getGeometryType()).isEqualTo("Point");
        assertThat(w.geometry().getSRID()).isEqualTo(4326);
        assertThat(w.plannedCurve()).isNull();
    }

    @Test
    void budgetsWithHugeExponentsAreJudgedWithoutExpandingThem() {
        assertThat(issues(csvRow("budget_mxn", "1e999999999"))).containsExactly(tuple("budget_mxn", "TOO_LARGE"));
        assertThat(csvRow("budget_mxn", "1e-999999999").work().budgetMxn()).isEqualTo(new BigDecimal("0.00"));
        assertThat(issues(csvRow("budget_mxn", "1".repeat(10_000)))).containsExactly(tuple("budget_mxn", "TOO_LARGE"));
        Map<String, JsonNode> values = new HashMap<>();
        values.put("code", TextNode.valueOf("V-2"));
        values.put("name", TextNode.valueOf("Obra"));
        values.put("lon", TextNode.valueOf("-110.9613"));
        values.put("lat", TextNode.valueOf("29.0729"));
        values.put("budget_mxn", com.fasterxml.jackson.databind.node.DecimalNode.valueOf(new BigDecimal("1E+999999999")));
        assertThat(issues(WorkValidator.validate(new WorkDraft(2, values, null, UnaryOperator.identity()))))
                .containsExactly(tuple("budget_mxn", "TOO_LARGE"));
        values.put("budget_mxn", com.fasterxml.jackson.databind.node.DoubleNode.valueOf(Double.NaN));
        assertThat(issues(WorkValidator.validate(new WorkDraft(2, values, null, UnaryOperator.identity()))))
                .containsExactly(tuple("budget_mxn", "NOT_A_NUMBER"));
    }

    @Test
    void libraryTextNeverReachesAMessage() {
        for (Locale locale : List.of(Locale.forLanguageTag("es"), Locale.ENGLISH)) {
            WorkValidator.Result wkt = csvRow("lon", "", "lat", "", "wkt", "POINT(1");
            assertThat(wkt.issues()).extracting(FieldIssue::code).containsExactly("WKT_INVALID");
            assertThat(wkt.issues().get(0).message(locale)).doesNotContain("Expected").doesNotContain("found");
            WorkValidator.Result crossing = csvRow("lon", "", "lat", "",
                    "wkt", "POLYGON((-110.93 29.08, -110.92 29.09, -110.92 29.08, -110.93 29.09, -110.93 29.08))");
            assertThat(crossing.issues().get(0).message(locale)).doesNotContain("Self-intersection")
                    .contains("-110.925 29.085");
        }
    }

    @ParameterizedTest(name = "{0}={1} → {2} {3}")
    @CsvSource(delimiter = '|', value = {
            "code||code|REQUIRED",
            "name||name|REQUIRED",
            "budget_mxn|-0.01|budget_mxn|NEGATIVE",
            "budget_mxn|mucho|budget_mxn|NOT_A_NUMBER",
            "budget_mxn|1.5e20|budget_mxn|TOO_LARGE",
            "planned_start|2025-02-30|planned_start|BAD_DATE",
            "planned_end|31/31/2025|planned_end|BAD_DATE",
            "planned_end|2024-01-01|planned_end|DATE_ORDER",
            "lat|95|lat|LAT_RANGE",
            "lat|-90.5|lat|LAT_RANGE",
            "lon|181|lon|LON_RANGE",
            "lon|NaN|lon|NOT_A_NUMBER",
            "lat|12d|lat|NOT_A_NUMBER",
            "lat||lat|REQUIRED",
            "wkt|POINT(-110.9 29.0)|wkt|GEOMETRY_AMBIGUOUS",
    })
    void rejectsEachBadFieldByName(String column, String value, String field, String code) {
        WorkValidator.Result r = column.equals("planned_end") && code.equals("DATE_ORDER")
                ? csvRow("planned_start", "2025-01-01", column, value)
                : csvRow(column, value == null ? "" : value);
        assertThat(r.valid()).isFalse();
        assertThat(issues(r)).containsExactly(tuple(field, code));
        assertThat(r.work()).isNull();
    }

    @Test
    void reportsEveryProblemOfARowNotJustTheFirst() {
        WorkValidator.Result r = csvRow("name", "", "budget_mxn", "-3", "lat", "95");
        assertThat(issues(r)).containsExactly(tuple("name", "REQUIRED"), tuple("budget_mxn", "NEGATIVE"),
                tuple("lat", "LAT_RANGE"));
    }

    @Test
    void tooLongTextIsRefusedWithTheLimitInTheMessage() {
        WorkValidator.Result r = csvRow("name", "x".repeat(WorkValidator.MAX_NAME + 1));
        assertThat(issues(r)).containsExactly(tuple("name", "TOO_LONG"));
        assertThat(r.issues().get(0).message(Locale.forLanguageTag("es"))).isEqualTo("Excede 300 caracteres");
    }

    @Test
    void wktMustParseBeOfAnAllowedTypeAndValid() {
        Map<String, String> cases = Map.of(
                "LINESTRING(-110.96 29.07", "WKT_INVALID",
                "MULTIPOINT((-110.96 29.07))", "GEOMETRY_TYPE",
                "POLYGON((-110.93 29.08, -110.92 29.09, -110.92 29.08, -110.93 29.09, -110.93 29.08))", "SELF_INTERSECTION",
                "POLYGON((-110.93 29.08, -110.92 29.08, -110.92 29.09, -110.93 29.08), (-110.80 29.00, -110.79 29.00, -110.79 29.01, -110.80 29.00))",
                "INVALID_GEOMETRY",
                "LINESTRING(-110.96 29.07, -110.96 29.07)", "TOO_FEW_POINTS",
                "POINT(-110.96 129.07)", "LAT_RANGE",
                "POINT EMPTY", "GEOMETRY_EMPTY");
        cases.forEach((wkt, code) -> {
            WorkValidator.Result r = csvRow("lon", "", "lat", "", "wkt", wkt);
            assertThat(issues(r)).as(wkt).containsExactly(tuple("wkt", code));
        });
    }

    @Test
    void aLocationIsRequired() {
        WorkValidator.Result r = csvRow("lon", "", "lat", "");
        assertThat(issues(r)).containsExactly(tuple("geometry", "GEOMETRY_REQUIRED"));
    }

    @Test
    void altitudesAreRefusedNamingTheFieldBecauseTheColumnIsTwoDimensional() throws Exception {
        WorkValidator.Result geoJson = body("""
                {"code": "Z-1", "name": "Con altitud", "geometry": {"type": "Point", "coordinates": [-110.96, 29.07, 210.5]}}
                """);
        assertThat(issues(geoJson)).containsExactly(tuple("geometry.coordinates", "Z_NOT_SUPPORTED"));
        assertThat(geoJson.work()).isNull();

        WorkValidator.Result wkt = csvRow("lon", "", "lat", "", "wkt", "LINESTRING Z (-110.96 29.07 0, -110.95 29.08 0)");
        assertThat(issues(wkt)).containsExactly(tuple("wkt", "Z_NOT_SUPPORTED"));
        assertThat(geoJson.issues().get(0).message(java.util.Locale.forLanguageTag("es"))).contains("altitud");
    }

    @Test
    void explicitCurveMustBeOrderedAndWithinRange() throws Exception {
        WorkValidator.Result ok = body("""
                {"code": "C-1", "name": "Curva", "plannedCurve": [{"date": "2025-01-01", "percent": 0},
                 {"date": "2025-06-01", "percent": 50}, {"date": "2025-12-01", "percent": 100}],
                 "geometry": {"type": "Point", "coordinates": [-110.96, 29.07]}}
                """);
        assertThat(ok.issues()).isEmpty();
        assertThat(ok.work().plannedCurve()).extracting(CurvePoint::percent).containsExactly(0.0, 50.0, 100.0);

        WorkValidator.Result bad = body("""
                {"code": "C-2", "name": "Curva", "plannedCurve": [{"date": "2025-06-01", "percent": 60},
                 {"date": "2025-01-01", "percent": 50}, {"date": "2025-12-01", "percent": 101}],
                 "geometry": {"type": "Point", "coordinates": [-110.96, 29.07]}}
                """);
        assertThat(issues(bad)).containsExactly(tuple("plannedCurve[1]", "CURVE_ORDER"),
                tuple("plannedCurve[2].percent", "PERCENT_RANGE"));
    }

    /** A date the column could hold but no plan has (or one it cannot hold at all) is refused by year, not stored. */
    @Test
    void datesOutsideTheAcceptedYearsAreRefusedNamingTheField() throws Exception {
        assertThat(issues(csvRow("planned_end", "+999999999-12-31"))).containsExactly(tuple("planned_end", "DATE_RANGE"));
        assertThat(issues(csvRow("planned_start", "01/01/1899"))).containsExactly(tuple("planned_start", "DATE_RANGE"));
        assertThat(issues(csvRow("planned_start", "1900-01-01", "planned_end", "2100-12-31"))).isEmpty();
        WorkValidator.Result far = csvRow("planned_end", "2101-01-01");
        assertThat(far.issues().get(0).message(Locale.forLanguageTag("es"))).contains("1900").contains("2100")
                .contains("2101-01-01").doesNotContain("1,900");
        assertThat(far.issues().get(0).message(Locale.ENGLISH)).contains("between the years 1900 and 2100");

        WorkValidator.Result curve = body("""
                {"code": "C-3", "name": "Curva", "plannedCurve": [{"date": "2025-01-01", "percent": 0},
                 {"date": "-0001-06-01", "percent": 50}],
                 "geometry": {"type": "Point", "coordinates": [-110.96, 29.07]}}
                """);
        assertThat(issues(curve)).containsExactly(tuple("plannedCurve[1].date", "DATE_RANGE"));
    }

    private static WorkValidator.Result body(String json) throws Exception {
        JsonNode node = JSON.readTree(json);
        Map<String, JsonNode> values = new HashMap<>();
        values.put("code", node.get("code"));
        values.put("name", node.get("name"));
        values.put("planned_curve", node.get("plannedCurve"));
        return WorkValidator.validate(new WorkDraft(0, values, node.get("geometry"),
                k -> k.equals("planned_curve") ? "plannedCurve" : k));
    }
}
