package mx.implan.brujula.indicators;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import mx.implan.brujula.auth.Roles;
import mx.implan.brujula.testing.Db;
import mx.implan.brujula.testing.TestUsers;
import mx.implan.brujula.zones.ZoneService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Imports of indicator values: bad rows reported one by one with the line they start on and skipped,
 * good rows kept, a second import of the same file changing nothing; CSV and JSON, by API and command.
 */
@QuarkusTest
class IndicatorImportTest {

    @Inject
    ZoneService zones;
    @Inject
    TestUsers users;
    @Inject
    Values values;
    @Inject
    Db db;
    @Inject
    ImportIndicatorsCommand command;

    private Territory t;

    @BeforeEach
    void territory() {
        t = Territory.create(zones);
    }

    private String admin() {
        return users.bearer("admin-importa-indicadores", Roles.ADMIN);
    }

    private JsonPath post(String body, String contentType) {
        return given().header("Authorization", admin()).header("Accept-Language", "en").contentType(contentType).body(body)
                .post("/api/v1/admin/indicators/import").then().log().ifValidationFails().statusCode(200).extract().jsonPath();
    }

    private String csv() {
        return String.join("\n",
                "# Valores de prueba; las líneas con # son notas",
                "indicator_code,zone_id,period_type,period_start,value,numerator,denominator,source,notas",
                "HEALTH_NO_AFFILIATION_SHARE," + t.agebA + ",YEAR,2020-01-01,,250,1000,\"INEGI, Censo 2020\",",
                "HEALTH_NO_AFFILIATION_SHARE," + t.agebB + ",YEAR,2020-01-01,12.5,,,,\"una nota",
                "en dos líneas\"",
                "HEALTH_NO_AFFILIATION_SHARE,NO-EXISTE,YEAR,2020-01-01,3,,,,",
                "HEALTH_NO_AFFILIATION_SHARE," + t.locality + ",YEAR,2020-01-01,doce,,,,",
                "HEALTH_NO_AFFILIATION_SHARE," + t.agebA + ",YEAR,2020-01-01,30,,,,",
                "NO_SUCH_INDICATOR," + t.agebA + ",YEAR,2020-01-01,1,,,,",
                "POTHOLE_REPORTS_PER_10K," + t.agebA + ",QUARTER,2024-01-01,1,,,,",
                "UNEMPLOYMENT_RATE," + t.municipality + ",QUARTER,2024-02-01,3.1,,,,",
                "CRIME_INCIDENCE_PER_100K," + t.agebA + ",YEAR,2024-01-01,10,,,,",
                "CRIME_INCIDENCE_PER_100K," + t.municipality + ",YEAR,2024-01-01,,5,0,,",
                "CRIME_INCIDENCE_PER_100K," + t.municipality + ",YEAR,2023-01-01,,,,,",
                "UNEMPLOYMENT_RATE," + t.municipality + ",QUARTER,2024-04-01,2.9,,,INEGI ENOE,",
                "");
    }

    @AfterEach
    void removeTerritory() {
        t.remove(db);
    }

    @Test
    void badRowsAreReportedWithTheirLineAndGoodRowsAreKept() {
        JsonPath r = post(csv(), "text/csv");
        assertThat(r.getInt("created")).isEqualTo(3);
        assertThat(r.getInt("rejected")).isEqualTo(9);
        assertThat(r.getList("ignoredColumns")).containsExactly("notas");
        Map<Integer, String> codes = Map.of(
                6, "UNKNOWN_ZONE", 7, "NOT_A_NUMBER", 8, "DUPLICATE_ROW", 9, "UNKNOWN_INDICATOR", 10, "INDICATOR_COMPUTED",
                11, "PERIOD_NOT_ALIGNED", 12, "ZONE_LEVEL", 13, "DIVISION_BY_ZERO", 14, "VALUE_REQUIRED");
        codes.forEach((line, code) -> assertThat(r.getString("rows.find { it.line == " + line + " }.errors[0].code"))
                .as("line %d", line).isEqualTo(code));
        // The duplicate names the row it repeats; a record spanning two lines starts on the first.
        assertThat(r.getString("rows.find { it.line == 8 }.errors[0].message")).endsWith("row 3");
        assertThat(r.getString("rows.find { it.line == 6 }.errors[0].field")).isEqualTo("zone_id");
        assertThat(r.getString("rows.find { it.line == 7 }.errors[0].field")).isEqualTo("value");
        assertThat(r.getList("rows.findAll { it.result == 'CREATED' }.line")).containsExactly(3, 4, 15);

        // value = numerator ÷ denominator × scale (100 for a share) when only the counts are given
        assertThat(values.get("HEALTH_NO_AFFILIATION_SHARE", t.agebA, LocalDate.of(2020, 1, 1))).get()
                .matches(f -> f.is("250", "1000", "25"));
        assertThat(values.get("HEALTH_NO_AFFILIATION_SHARE", t.agebB, LocalDate.of(2020, 1, 1))).get()
                .matches(f -> f.is(null, null, "12.5"));
        // Nothing of the rejected rows: the territory holds the three good ones only.
        assertThat(db.count("SELECT count(*) FROM indicator_value WHERE zone_id LIKE ?", t.agebA.substring(0, t.agebA.length() - 1) + "%"))
                .isEqualTo(3);
        given().queryParam("zone", t.agebA).get("/api/v1/indicators/HEALTH_NO_AFFILIATION_SHARE/values").then().statusCode(200)
                .body("items[0].origin", equalTo("IMPORTED")).body("items[0].source", equalTo("INEGI, Censo 2020"));
        given().queryParam("zone", t.municipality).get("/api/v1/indicators/UNEMPLOYMENT_RATE/values").then().statusCode(200)
                .body("items[0].source", equalTo("INEGI ENOE")).body("items[0].value", equalTo(2.9f));
    }

    @Test
    void importingTheSameFileAgainChangesNothingAndAChangedFigureIsAnUpdate() {
        post(csv(), "text/csv");
        String stamp = db.string("SELECT max(updated_at)::text FROM indicator_value WHERE zone_id IN (?, ?, ?)", t.agebA, t.agebB, t.municipality);
        JsonPath again = post(csv(), "text/csv");
        assertThat(again.getInt("created")).isZero();
        assertThat(again.getInt("updated")).isZero();
        assertThat(again.getInt("unchanged")).isEqualTo(3);
        assertThat(db.string("SELECT max(updated_at)::text FROM indicator_value WHERE zone_id IN (?, ?, ?)", t.agebA, t.agebB, t.municipality))
                .isEqualTo(stamp);

        JsonPath changed = post(csv().replace(",12.5,", ",13,"), "text/csv");
        assertThat(changed.getInt("updated")).isEqualTo(1);
        assertThat(changed.getString("rows.find { it.result == 'UPDATED' }.key.zoneId")).isEqualTo(t.agebB);
    }

    @Test
    void jsonRowsAreReportedWithTheirPositionAndLine() {
        String json = """
                {"values": [
                  {"indicatorCode": "CULTURAL_VENUES_PER_100K", "zoneId": "%s", "periodType": "YEAR", "periodStart": "2024-01-01",
                   "numerator": 3, "denominator": 6000, "source": "SIC"},
                  {"indicatorCode": "CULTURAL_VENUES_PER_100K", "zoneId": "%s", "periodType": "YEAR", "periodStart": "2024-01-01",
                   "value": "x"},
                  {"indicatorCode": "CULTURAL_VENUES_PER_100K", "zoneId": "%s", "periodType": "MONTH", "periodStart": "2024-07-01",
                   "value": {"nested": 1}}
                ]}""".formatted(t.locality, t.agebA, t.municipality);
        JsonPath r = post(json, "application/json");
        assertThat(r.getString("format")).isEqualTo("JSON");
        assertThat(r.getList("rows.row")).containsExactly(1, 2, 3);
        assertThat(r.getList("rows.line")).containsExactly(2, 4, 6);
        assertThat(r.getString("rows[0].result")).isEqualTo("CREATED");
        assertThat(r.getList("rows[1].errors.code")).contains("ZONE_LEVEL", "NOT_A_NUMBER");
        assertThat(r.getList("rows[2].errors.code")).contains("INVALID_TYPE");
        assertThat(values.get("CULTURAL_VENUES_PER_100K", t.locality, LocalDate.of(2024, 1, 1))).get()
                .matches(f -> f.is("3", "6000", "50"));
    }

    @Test
    void aWindows1252FileWithSemicolonsKeepsItsAccents() {
        String text = "indicator_code;zone_id;period_type;period_start;value;source\r\n"
                + "UNINHABITED_DWELLINGS_SHARE;" + t.agebB + ";YEAR;2020-01-01;7.25;Estimación del área de Vivienda\r\n";
        byte[] body = text.getBytes(Charset.forName("windows-1252"));
        JsonPath r = given().header("Authorization", admin()).contentType("text/csv").body(body)
                .post("/api/v1/admin/indicators/import").then().statusCode(200).extract().jsonPath();
        assertThat(r.getString("encoding")).isEqualTo("windows-1252");
        assertThat(r.getInt("created")).isEqualTo(1);
        assertThat(db.string("SELECT source FROM indicator_value WHERE zone_id = ? AND indicator_code = 'UNINHABITED_DWELLINGS_SHARE'", t.agebB))
                .isEqualTo("Estimación del área de Vivienda");
    }

    @Test
    void aFileThatCannotBeReadIsA400AndWritesNothing() {
        long before = db.count("SELECT count(*) FROM indicator_value WHERE origin = 'IMPORTED'");
        given().header("Authorization", admin()).contentType("text/csv").body("").post("/api/v1/admin/indicators/import").then()
                .statusCode(400).contentType("application/problem+json").body("code", equalTo("IMPORT_EMPTY"));
        given().header("Authorization", admin()).contentType("text/csv").body("indicator_code,zone_id\nX,Y\n")
                .post("/api/v1/admin/indicators/import").then().statusCode(400).body("code", equalTo("IMPORT_MISSING_COLUMNS"));
        given().header("Authorization", admin()).contentType("application/json").body("{\"otra\": []}")
                .post("/api/v1/admin/indicators/import").then().statusCode(400).body("code", equalTo("IMPORT_NOT_VALUES"));
        given().header("Authorization", admin()).contentType("application/json").body("[{\"indicatorCode\": ")
                .post("/api/v1/admin/indicators/import").then().statusCode(400).body("code", equalTo("IMPORT_UNREADABLE"));
        assertThat(db.count("SELECT count(*) FROM indicator_value WHERE origin = 'IMPORTED'")).isEqualTo(before);
    }

    @Test
    void theCommandPrintsEveryRowAndTheTotals() throws Exception {
        Path file = Files.createTempFile("valores", ".csv");
        Files.writeString(file, csv(), StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = command.run(List.of(file.toString(), "--lang=en"), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).isZero();
        assertThat(printed).contains("row 6\tHEALTH_NO_AFFILIATION_SHARE NO-EXISTE YEAR 2020-01-01 TOTAL\tREJECTED")
                .contains("zone_id [UNKNOWN_ZONE] Zone NO-EXISTE does not exist")
                .contains("created=3 updated=0 unchanged=0 rejected=9");
        assertThat(command.run(List.of(), new PrintStream(out), new PrintStream(err))).isEqualTo(2);
        assertThat(command.run(List.of(file + ".no-existe"), new PrintStream(out), new PrintStream(err))).isEqualTo(1);
        Files.delete(file);
    }
}
