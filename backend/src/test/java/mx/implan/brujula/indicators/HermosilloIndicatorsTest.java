package mx.implan.brujula.indicators;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import mx.implan.brujula.demo.BachometroImport;
import mx.implan.brujula.demo.DemoReferenceData;
import mx.implan.brujula.testing.Db;
import mx.implan.brujula.testing.DemoZones;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;


import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real figures of Hermosillo as `./brujula run` shows them: Censo 2020 population and CONAPO
 * 2020 marginalisation per AGEB, and the Bachómetro's pothole reports per 10,000 inhabitants and
 * share attended per quarter, each checked against the source files read independently.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HermosilloIndicatorsTest {

    private static final String MUNICIPALITY = "26030";
    private static final String CITY = "260300001";

    @Inject
    DemoReferenceData referenceData;
    @Inject
    BachometroImport bachometro;
    @Inject
    IndicatorRecompute recompute;
    @Inject
    Values values;
    @Inject
    Db db;

    private JsonNode reports;

    @BeforeAll
    void loadTheDemoDataAndComputeTheIndicators() {
        referenceData.load();
        bachometro.load();
        recompute.recomputeLive();
        reports = DemoZones.features(BachometroImport.RESOURCE);
    }

    @Test
    void everyAgebHasItsCensusPopulationAndConapoMarginalisation() {
        LocalDate y2020 = LocalDate.of(2020, 1, 1);
        int checked = 0;
        for (JsonNode f : DemoZones.agebs()) {
            JsonNode p = f.get("properties");
            String id = p.get("CVEGEO").asText();
            assertThat(values.get("POPULATION", id, y2020)).get().extracting(Values.Figure::value)
                    .matches(v -> v.compareTo(new BigDecimal(p.get("POBTOT").asText())) == 0, "POBTOT of " + id);
            assertThat(values.get("MARGINALISATION_INDEX", id, y2020)).get().extracting(Values.Figure::value)
                    .matches(v -> v.compareTo(new BigDecimal(p.get("IM_2020").asText())) == 0, "IM_2020 of " + id);
            assertThat(values.get("MARGINALISATION_GRADE", id, y2020)).get().extracting(Values.Figure::value)
                    .matches(v -> v.intValue() == p.get("GM_2020_NU").asInt(), "GM_2020_NU of " + id);
            checked++;
        }
        assertThat(checked).isEqualTo(404);
        assertThat(values.get("POPULATION", MUNICIPALITY, y2020)).get().matches(f -> f.is("936263", null, "936263"));
        assertThat(values.get("POPULATION", CITY, y2020)).get().matches(f -> f.is("855563", null, "855563"));
    }

    @Test
    void theShareOfPeopleInHighlyMarginalisedAgebsAddsUpTheAgebsCounts() {
        long high = 0;
        long all = 0;
        for (JsonNode f : DemoZones.agebs()) {
            JsonNode p = f.get("properties");
            all += p.get("POBTOT").asLong();
            if (p.get("GM_2020_NU").asInt() >= 3) {
                high += p.get("POBTOT").asLong();
            }
        }
        String share = BigDecimal.valueOf(high * 100).divide(BigDecimal.valueOf(all), 4, RoundingMode.HALF_UP).toPlainString();
        String numerator = String.valueOf(high);
        String denominator = String.valueOf(all);
        assertThat(values.get("HIGH_MARGINALISATION_POPULATION_SHARE", CITY, LocalDate.of(2020, 1, 1))).get()
                .matches(f -> f.is(numerator, denominator, share), numerator + "/" + denominator);
    }

    @Test
    void potholeReportsPerQuarterAreTheBachometrosCountsOverTheCensusPopulation() {
        Map<LocalDate, int[]> byQuarter = new TreeMap<>();
        for (JsonNode f : reports) {
            LocalDate quarter = PeriodType.QUARTER.start(LocalDate.parse(f.at("/properties/fecha_reporte").asText()));
            int[] n = byQuarter.computeIfAbsent(quarter, q -> new int[2]);
            n[0]++;
            if (f.at("/properties/atendido").asBoolean(false)) {
                n[1]++;
            }
        }
        assertThat(byQuarter).containsKeys(LocalDate.of(2021, 7, 1), LocalDate.of(2024, 10, 1));
        byQuarter.forEach((quarter, n) -> {
            String rate = BigDecimal.valueOf(n[0] * 10_000L).divide(BigDecimal.valueOf(936263), 4, RoundingMode.HALF_UP).toPlainString();
            assertThat(values.get("POTHOLE_REPORTS_PER_10K", MUNICIPALITY, quarter)).as("%s", quarter).get()
                    .matches(f -> f.is(String.valueOf(n[0]), "936263", rate), n[0] + " reports");
            String share = BigDecimal.valueOf(n[1] * 100L).divide(BigDecimal.valueOf(n[0]), 4, RoundingMode.HALF_UP).toPlainString();
            assertThat(values.get("POTHOLE_REPORTS_ATTENDED_SHARE", MUNICIPALITY, quarter)).as("%s", quarter).get()
                    .matches(f -> f.is(String.valueOf(n[1]), String.valueOf(n[0]), share), n[1] + " attended");
        });
    }

    @Test
    void eachReportCountsInTheAgebTheSourceNamesUnlessItLiesOnABorder() {
        // The source names each report's AGEB (its own point-in-polygon, before the polygons were
        // rounded to 6 decimals, ~0.1 m). Brújula must agree everywhere but on borders.
        Map<String, String> expected = new HashMap<>();
        for (JsonNode f : reports) {
            String id = mx.implan.brujula.model.Ids.nameBased("bachometro:" + f.at("/properties/id_reporte").asLong()).toString();
            expected.put(id, f.at("/properties/CVEGEO_AGEB").asText(""));
        }
        Map<String, String> actual = new HashMap<>();
        for (Object row : db.column("""
                SELECT CAST(c.observation_id AS text) || '|' || COALESCE(z.id, '')
                FROM indicator_observation c JOIN observation o ON o.id = c.observation_id
                LEFT JOIN zone z ON z.id = c.zone_id AND z.zone_type = 'AGEB'
                WHERE o.author = 'import:bachometro'""")) {
            String[] parts = row.toString().split("\\|", -1);
            actual.put(parts[0], parts[1]);
        }
        assertThat(actual).hasSize(expected.size());
        List<String> disagreements = expected.keySet().stream().filter(id -> !expected.get(id).equals(actual.get(id))).toList();
        assertThat(disagreements.size()).as("reports counted in another AGEB than the source's").isLessThan(expected.size() / 1000);
        for (String id : disagreements) {
            // Within 0.2 m of the border of the AGEB either side names, or inside an enclave (an AGEB
            // inside another whose hole the source lost), which Brújula prefers to its container.
            String ageb = actual.get(id).isEmpty() ? expected.get(id) : actual.get(id);
            long onBorder = db.count("""
                    SELECT count(*) FROM observation o JOIN zone z ON z.id = ?
                    WHERE o.id = CAST(? AS uuid) AND ST_Distance(CAST(ST_Boundary(z.geom) AS geography), CAST(o.geom AS geography)) < 0.2""",
                    ageb, id);
            long inEnclave = db.count("""
                    SELECT count(*) FROM observation o JOIN zone mine ON mine.id = ? JOIN zone theirs ON theirs.id = ?
                    WHERE o.id = CAST(? AS uuid) AND ST_Covers(mine.geom, o.geom) AND ST_Covers(theirs.geom, mine.geom)""",
                    actual.get(id), expected.get(id), id);
            assertThat(onBorder + inEnclave).as("report %s: source AGEB %s, Brújula's %s", id, expected.get(id), actual.get(id))
                    .isPositive();
        }
        // And the AGEB figures are those counts.
        String busiest = db.string("""
                SELECT zone_id FROM indicator_value WHERE indicator_code = 'POTHOLE_REPORTS_PER_10K' AND period_start = '2023-01-01'
                  AND length(zone_id) = 13 ORDER BY numerator DESC, zone_id LIMIT 1""");
        long counted = actual.entrySet().stream().filter(e -> busiest.equals(e.getValue())).map(Map.Entry::getKey)
                .filter(id -> db.count("SELECT count(*) FROM indicator_observation WHERE observation_id = CAST(? AS uuid)"
                        + " AND captured_on >= '2023-01-01' AND captured_on < '2023-04-01' AND status <> 'DISMISSED'", id) == 1)
                .count();
        assertThat(values.get("POTHOLE_REPORTS_PER_10K", busiest, LocalDate.of(2023, 1, 1))).get()
                .matches(f -> f.numerator().longValue() == counted && counted > 10, counted + " reports");
    }

    @Test
    void theOpenDataApiServesThemAsJsonAndCsv() {
        JsonPath q = given().queryParam("zone", MUNICIPALITY).queryParam("from", "2023-01-01").queryParam("to", "2023-12-31")
                .get("/api/v1/indicators/POTHOLE_REPORTS_ATTENDED_SHARE/values").then().statusCode(200).extract().jsonPath();
        assertThat(q.getList("items.periodStart")).containsExactly("2023-01-01", "2023-04-01", "2023-07-01", "2023-10-01");
        assertThat(q.getList("items.semaphore", String.class)).allMatch("GREEN"::equals);
        String csv = given().queryParam("level", "AGEB").queryParam("f", "csv")
                .get("/api/v1/indicators/MARGINALISATION_GRADE/values").then().statusCode(200).extract().asString();
        List<String> lines = csv.lines().toList();
        assertThat(lines.stream().filter(l -> l.contains(",260300")).count()).isGreaterThanOrEqualTo(404);
    }
}
