package mx.implan.brujula.indicators;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import mx.implan.brujula.model.observation.ObservationStatus;
import mx.implan.brujula.testing.Db;
import mx.implan.brujula.testing.Items;
import mx.implan.brujula.testing.Projections;
import mx.implan.brujula.zones.ZoneService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.StringReader;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * The open-data API without an account: the catalogue (every category of the SMI, filters), one
 * indicator, its values in JSON pages and in RFC 4180 CSV with the semáforo, the DCAT catalogue,
 * and a 400 naming the parameter for every bad one.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IndicatorApiTest {

    private static final Set<String> SEED_CATEGORIES = Set.of("TERRITORIAL_PLANNING", "MOBILITY", "SAFETY", "EQUITY",
            "HEALTH", "EDUCATION", "HUMAN_DEVELOPMENT", "EMPLOYMENT", "LABOUR_PRODUCTIVITY", "SECTOR_PERFORMANCE", "HOUSING",
            "CULTURE");

    @Inject
    ZoneService zones;
    @Inject
    Field field;
    @Inject
    Projections projections;
    @Inject
    IndicatorProjector projector;
    @Inject
    Db db;

    private Territory t;

    /** Read-only tests share one territory, made once. */
    @BeforeAll
    void territoryWithPotholes() {
        t = Territory.create(zones);
        projections.skipAll();
        Random random = new Random(7);
        OffsetDateTime march = OffsetDateTime.of(2023, 3, 3, 10, 0, 0, 0, ZoneOffset.ofHours(-7));
        // AGEB A: 2 of 2 attended (100 %, green); AGEB B: 9 of 10 (90 %, green), locality: 11 of 12 (91.7 %).
        // In Q2: AGEB B 17 of 20 (85 %, yellow), A 1 of 2 (50 %, red).
        report(random, Territory.Area.AGEB_A, march, 2, 2);
        report(random, Territory.Area.AGEB_B, march, 10, 9);
        report(random, Territory.Area.AGEB_B, march.plusMonths(3), 20, 17);
        report(random, Territory.Area.AGEB_A, march.plusMonths(3), 2, 1);
        projections.run(projector);
    }

    private void report(Random random, Territory.Area area, OffsetDateTime at, int count, int resolved) {
        for (int i = 0; i < count; i++) {
            UUID id = UUID.randomUUID();
            field.write(Field.at(Items.urbanImage(id, 0, 0, "BACHE"), t.point(area, random), at));
            if (i < resolved) {
                field.status(id, ObservationStatus.RESOLVED);
            }
        }
    }

    @AfterAll
    void removeTerritory() {
        t.remove(db);
    }

    @Test
    void theCatalogueCoversEveryCategoryOfTheSeedAndFiltersByCategory() {
        JsonPath all = given().get("/api/v1/indicators").then().statusCode(200).extract().jsonPath();
        List<String> categories = all.getList("items.category.code");
        assertThat(categories).containsAll(SEED_CATEGORIES).contains("ENVIRONMENT", "URBAN_IMAGE", "RISK_ATLAS", "PUBLIC_WORKS");
        assertThat(all.getList("categories.code")).hasSize(16);
        assertThat(all.getString("categories.find { it.code == 'EDUCATION' }.name.es")).isEqualTo("Educación");
        assertThat(all.getList("items.code", String.class)).doesNotHaveDuplicates().hasSize(db.count("SELECT count(*) FROM indicator") > 0
                ? (int) db.count("SELECT count(*) FROM indicator") : -1);

        JsonPath urban = given().queryParam("category", "URBAN_IMAGE").get("/api/v1/indicators").then().statusCode(200)
                .extract().jsonPath();
        assertThat(urban.getList("items.category.code", String.class)).isNotEmpty().allMatch("URBAN_IMAGE"::equals);
        assertThat(urban.getList("items.code", String.class)).contains("POTHOLE_REPORTS_PER_10K", "URBAN_IMAGE_MEDIAN_DAYS_TO_RESOLVE");
    }

    @Test
    void oneIndicatorCarriesEverythingItsValuesAreReadBy() {
        given().get("/api/v1/indicators/POTHOLE_REPORTS_ATTENDED_SHARE").then().statusCode(200)
                .body("code", equalTo("POTHOLE_REPORTS_ATTENDED_SHARE"))
                .body("name.es", equalTo("Reportes de baches atendidos"))
                .body("name.en", equalTo("Pothole reports attended"))
                .body("category.name.es", equalTo("Imagen urbana"))
                .body("unit.es", equalTo("% de los reportes"))
                .body("formula.en", startsWith("BACHE reports of the quarter"))
                .body("periodicity", equalTo("QUARTER"))
                .body("polarity", equalTo("HIGHER_IS_BETTER"))
                .body("target", equalTo(90))
                .body("scale", equalTo(100))
                .body("method", equalTo("COMPUTED"))
                .body("links.csv", equalTo("/api/v1/indicators/POTHOLE_REPORTS_ATTENDED_SHARE/values?f=csv"));
        given().get("/api/v1/indicators/MARGINALISATION_GRADE").then().statusCode(200)
                .body("levels", equalTo(List.of("AGEB"))).body("valueLabels.4.es", equalTo("Muy alto"));
        given().get("/api/v1/indicators/NO_SUCH_THING").then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("INDICATOR_NOT_FOUND"));
    }

    @Test
    void valuesCarryTheSemaphoreAgainstTheTarget() {
        JsonPath q1 = values(Map.of("zone", t.agebB, "from", "2023-01-01", "to", "2023-12-31"), "POTHOLE_REPORTS_ATTENDED_SHARE");
        assertThat(q1.getList("items.periodStart")).containsExactly("2023-01-01", "2023-04-01");
        assertThat(q1.getString("items[0].semaphore")).isEqualTo("GREEN");
        assertThat(q1.getString("items[0].periodEnd")).isEqualTo("2023-03-31");
        assertThat(q1.getInt("items[0].numerator")).isEqualTo(9);
        assertThat(q1.getInt("items[0].denominator")).isEqualTo(10);
        assertThat(q1.getString("items[1].semaphore")).isEqualTo("YELLOW");
        assertThat(q1.getString("items[1].zoneName")).isEqualTo("Zona \"de prueba\", " + t.agebB);
        assertThat(q1.getString("items[1].level")).isEqualTo("AGEB");
        assertThat(q1.getString("indicator.unit.en")).isEqualTo("% of reports");
        JsonPath a = values(Map.of("zone", t.agebA, "from", "2023-04-01", "to", "2023-04-01"), "POTHOLE_REPORTS_ATTENDED_SHARE");
        assertThat(a.getString("items[0].semaphore")).isEqualTo("RED");
        // No target, no colour.
        JsonPath rate = values(Map.of("zone", t.agebA, "from", "2023-01-01", "to", "2023-01-01"), "POTHOLE_REPORTS_PER_10K");
        assertThat(rate.getMap("items[0]")).doesNotContainKey("semaphore").containsEntry("value", 20);
    }

    @Test
    void valuesFilterByLevelAndPageWithACursor() {
        JsonPath localities = values(Map.of("level", "LOCALITY", "from", "2023-01-01", "to", "2023-06-30", "limit", "1000"),
                "POTHOLE_REPORTS_PER_10K");
        assertThat(localities.getList("items.level", String.class)).isNotEmpty().allMatch("LOCALITY"::equals);
        assertThat(localities.getList("items.zoneId")).contains(t.locality);

        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().queryParam("zone", t.agebB).queryParam("limit", 1);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/v1/indicators/POTHOLE_REPORTS_PER_10K/values").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.periodStart"));
            cursor = page.getString("next");
        } while (cursor != null);
        assertThat(seen).containsExactly("2023-01-01", "2023-04-01");
    }

    @Test
    void csvIsRfc4180InUtf8WithTheSameValues() throws Exception {
        Response r = given().queryParam("zone", t.agebB).queryParam("f", "csv")
                .get("/api/v1/indicators/POTHOLE_REPORTS_ATTENDED_SHARE/values");
        r.then().statusCode(200);
        assertThat(r.contentType()).startsWith("text/csv").containsIgnoringCase("charset=UTF-8");
        String body = new String(r.asByteArray(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(body).startsWith("indicator_code,zone_id,zone_name,level,period_type,period_start,period_end,dimension,"
                + "numerator,denominator,value,semaphore,origin,source\r\n");
        // The zone name holds a comma and quotes: quoted, quotes doubled.
        assertThat(body).contains(",\"Zona \"\"de prueba\"\", " + t.agebB + "\",AGEB,QUARTER,2023-01-01,2023-03-31,TOTAL,9,10,90,GREEN,COMPUTED,");
        List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(body)).getRecords();
        assertThat(records).hasSize(2);
        assertThat(records.get(1).get("value")).isEqualTo("85");
        assertThat(records.get(1).get("semaphore")).isEqualTo("YELLOW");
        // Asking by Accept gives the same document.
        String accepted = given().queryParam("zone", t.agebB).header("Accept", "text/csv")
                .get("/api/v1/indicators/POTHOLE_REPORTS_ATTENDED_SHARE/values").then().statusCode(200).extract().asString();
        assertThat(accepted).isEqualTo(body);
    }

    @ParameterizedTest
    @CsvSource({
            "level, BARRIO, UNKNOWN_ZONE_TYPE",
            "from, 2024-13-01, INVALID_DATE",
            "to, ayer, INVALID_DATE",
            "period, WEEK, INVALID_ENUM",
            "f, xml, INVALID_ENUM",
            "limit, 0, LIMIT_RANGE",
            "limit, 10001, LIMIT_RANGE",
            "cursor, bm8tYS1jdXJzb3I, INVALID_CURSOR",
            "zone, NO-EXISTE, UNKNOWN_ZONE",
    })
    void aBadParameterIsA400NamingIt(String name, String value, String code) {
        given().queryParam(name, value).header("Accept-Language", "en").get("/api/v1/indicators/POPULATION/values").then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo(name)).body("errors[0].code", equalTo(code));
    }

    @Test
    void anInvertedRangeAForeignCursorAndAnUnknownCategoryAre400s() {
        given().queryParam("from", "2024-01-01").queryParam("to", "2023-01-01").get("/api/v1/indicators/POPULATION/values")
                .then().statusCode(400).body("errors[0].field", equalTo("to")).body("errors[0].code", equalTo("RANGE_INVERTED"));
        String next = given().queryParam("limit", 1).queryParam("zone", t.agebB)
                .get("/api/v1/indicators/POTHOLE_REPORTS_PER_10K/values").then().statusCode(200).extract().path("next");
        given().queryParam("cursor", next).get("/api/v1/indicators/POTHOLE_REPORTS_ATTENDED_SHARE/values").then()
                .statusCode(400).body("errors[0].field", equalTo("cursor"));
        given().queryParam("category", "DEPORTES").get("/api/v1/indicators").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("category"))
                .body("errors[0].code", equalTo("UNKNOWN_CATEGORY"));
    }

    @Test
    void theDcatCatalogueListsOneDatasetPerIndicatorWithCsvAndJsonDistributions() {
        Response r = given().get("/api/v1/opendata/catalog.jsonld");
        r.then().statusCode(200);
        assertThat(r.contentType()).startsWith("application/ld+json");
        JsonPath dcat = r.jsonPath();
        assertThat(dcat.getString("'@type'")).isEqualTo("dcat:Catalog");
        assertThat(dcat.getString("'@context'.dcat")).isEqualTo("http://www.w3.org/ns/dcat#");
        assertThat(dcat.getString("'dct:publisher'.'foaf:name'")).isEqualTo("IMPLAN Hermosillo");
        assertThat(dcat.getString("'dct:license'.'@id'")).isEqualTo("https://www.datos.gob.mx/libreusomx");
        List<Map<String, Object>> datasets = dcat.getList("'dcat:dataset'");
        assertThat(datasets).hasSize((int) db.count("SELECT count(*) FROM indicator"));
        Map<String, Object> pothole = datasets.stream().filter(d -> "POTHOLE_REPORTS_PER_10K".equals(d.get("dct:identifier")))
                .findFirst().orElseThrow();
        assertThat(pothole).containsKeys("dct:title", "dct:description", "dct:modified", "dct:publisher", "dct:license",
                "dct:accrualPeriodicity", "dcat:distribution");
        JsonPath p = new JsonPath(new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(pothole).toString());
        assertThat(p.getList("'dcat:distribution'.'dcat:mediaType'.'@id'")).containsExactly(
                "https://www.iana.org/assignments/media-types/text/csv", "https://www.iana.org/assignments/media-types/application/json");
        assertThat(p.getString("'dcat:distribution'[0].'dcat:downloadURL'.'@id'")).endsWith("/api/v1/indicators/POTHOLE_REPORTS_PER_10K/values?f=csv");
        assertThat(p.getString("'dcat:distribution'[1].'dcat:accessURL'.'@id'")).endsWith("/api/v1/indicators/POTHOLE_REPORTS_PER_10K/values");
        assertThat(p.getString("'dct:accrualPeriodicity'.'@id'")).endsWith("/QUARTERLY");
        assertThat(p.getList("'dct:title'.'@language'")).containsExactly("es", "en");
        // Aggregates only: nothing personal anywhere in the document.
        assertThat(r.asString()).doesNotContain(Field.INSPECTOR.name(), Field.SUPERVISOR.name(), "@example");
    }

    private static JsonPath values(Map<String, String> params, String code) {
        return given().queryParams(params).get("/api/v1/indicators/" + code + "/values").then().statusCode(200)
                .contentType("application/json").extract().jsonPath();
    }
}
