package mx.implan.brujula.works;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import mx.implan.brujula.demo.DemoReferenceData;
import mx.implan.brujula.model.Ids;
import mx.implan.brujula.testing.Db;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class WorksResourceTest {

    static final String WORK = """
            {"code": "API-1", "name": "Obra por API", "programme": "FORTALECE", "fund": "Ramo 23",
             "budgetMxn": 750000, "contractor": "Constructora Ejemplo", "plannedStart": "2025-04-01",
             "plannedEnd": "2025-10-31", "description": "Creada por la prueba",
             "geometry": {"type": "Point", "coordinates": [-110.9613, 29.0729]}, "unknownField": 1}
            """;

    @Inject
    DemoReferenceData demo;

    @Inject
    Db db;

    @BeforeEach
    void referenceDataLoaded() {
        demo.load();
    }

    @Test
    @TestSecurity(user = "ana", roles = "admin")
    void adminCreatesAWorkAndResendingItChangesNothing() {
        db.update("DELETE FROM public_work WHERE code = 'API-1'");
        String id = Ids.nameBased("work:API-1").toString();

        given().contentType("application/json").body(WORK)
                .when().post("/api/v1/works")
                .then().statusCode(201)
                .header("Location", endsWith("/api/v1/works/" + id))
                .body("id", equalTo(id))
                .body("rev", equalTo(1))
                .body("zoneId", equalTo("2603000013047"))
                .body("budgetMxn", equalTo(750000.0f))
                .body("plannedCurve[0].percent", equalTo(0.0f))
                .body("geometry.type", equalTo("Point"));

        given().contentType("application/json").body(WORK)
                .when().post("/api/v1/works")
                .then().statusCode(200)
                .body("rev", equalTo(1));

        given().contentType("application/json").body(WORK.replace("750000", "800000"))
                .when().post("/api/v1/works")
                .then().statusCode(200)
                .body("rev", equalTo(2))
                .body("budgetMxn", equalTo(800000.0f));
        assertThat(db.count("SELECT count(*) FROM audit_log WHERE entity_id = ? AND actor = 'ana'", id)).isEqualTo(2);
    }

    @Test
    @TestSecurity(user = "ana", roles = "admin")
    void invalidWorkIs422WithFieldPathsAndNothingIsWritten() {
        String bad = """
                {"code": "API-BAD", "name": "", "budgetMxn": -1, "plannedStart": "2025-10-01", "plannedEnd": "2025-01-01",
                 "plannedCurve": [{"date": "2025-10-01", "percent": 0}, {"date": "2025-12-01", "percent": 140}],
                 "geometry": {"type": "Point", "coordinates": [-110.96, 95.0]}}
                """;
        given().contentType("application/json").body(bad).header("Accept-Language", "en")
                .when().post("/api/v1/works")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("errors.field", containsInAnyOrder("name", "budgetMxn", "plannedEnd",
                        "plannedCurve[1].percent", "geometry.coordinates[1]"))
                .body("errors.find { it.field == 'geometry.coordinates[1]' }.code", equalTo("LAT_RANGE"))
                .body("errors.find { it.field == 'budgetMxn' }.message", equalTo("Must not be negative"));
        assertThat(db.count("SELECT count(*) FROM public_work WHERE code = 'API-BAD'")).isZero();
    }

    @Test
    @TestSecurity(user = "ana", roles = "admin")
    void geometryIsRequiredAndMustBeGeoJson() {
        given().contentType("application/json").body("{\"code\": \"API-NOGEOM\", \"name\": \"Sin ubicación\"}")
                .when().post("/api/v1/works")
                .then().statusCode(422)
                .body("errors[0].field", equalTo("geometry"))
                .body("errors[0].code", equalTo("GEOMETRY_REQUIRED"));
        given().contentType("application/json")
                .body("{\"code\": \"API-BADGEOM\", \"name\": \"Anillo abierto\", \"geometry\": {\"type\": \"Polygon\","
                        + " \"coordinates\": [[[-110.9, 29.0], [-110.8, 29.0], [-110.8, 29.1], [-110.9, 29.2]]]}}")
                .when().post("/api/v1/works")
                .then().statusCode(422)
                .body("errors[0].field", equalTo("geometry.coordinates[0]"))
                .body("errors[0].code", equalTo("RING_NOT_CLOSED"));
    }

    private void refusedToWrite(String code) {
        given().contentType("application/json").body(WORK.replace("API-1", code))
                .when().post("/api/v1/works")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("code", equalTo("FORBIDDEN"));
        given().contentType("text/csv").body("code,name,lon,lat\n" + code + ",X,-110.96,29.07\n")
                .when().post("/api/v1/works/import")
                .then().statusCode(403);
        assertThat(db.count("SELECT count(*) FROM public_work WHERE code = ?", code)).isZero();
    }

    @Test
    @TestSecurity(user = "insp", roles = "inspector")
    void inspectorCannotWriteWorks() {
        refusedToWrite("API-INSP");
    }

    @Test
    @TestSecurity(user = "sup", roles = "supervisor")
    void supervisorCannotWriteWorks() {
        refusedToWrite("API-SUP");
    }

    @Test
    @TestSecurity(user = "cit", roles = "citizen")
    void citizenCannotPostWorks() {
        refusedToWrite("API-CIT");
    }

    @Test
    @TestSecurity(user = "cit", roles = "citizen")
    void citizenMayReadTheCatalogue() {
        String id = Ids.nameBased("work:DEMO-002").toString();
        given().when().get("/api/v1/works/" + id)
                .then().statusCode(200)
                .body("code", equalTo("DEMO-002"))
                .body("name", endsWith("(ficticia)"))
                .body("plannedStart", equalTo("2025-05-15"))
                .body("zoneId", equalTo("2603000013371"));
    }

    @Test
    void anonymousCallerGets401() {
        given().when().get("/api/v1/works").then().statusCode(401);
        given().contentType("application/json").body(WORK).when().post("/api/v1/works").then().statusCode(401);
    }

    @Test
    @TestSecurity(user = "insp", roles = "inspector")
    void unknownOrMalformedWorkIdIs404Problem() {
        given().when().get("/api/v1/works/" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json").body("code", equalTo("WORK_NOT_FOUND"));
        given().when().get("/api/v1/works/not-a-uuid")
                .then().statusCode(404).body("code", equalTo("WORK_NOT_FOUND"));
    }

    @Test
    @TestSecurity(user = "insp", roles = "inspector")
    void programmeFilterMatchesIgnoringCase() {
        long expected = db.count("SELECT count(*) FROM public_work WHERE lower(programme) = lower('Ramo 33 - FISM-DF')");
        assertThat(expected).isGreaterThan(1);
        given().queryParam("programme", "ramo 33 - fism-df").queryParam("limit", 1000)
                .when().get("/api/v1/works")
                .then().statusCode(200)
                .body("items", hasSize((int) expected))
                .body("items.programme", everyItem(equalTo("Ramo 33 - FISM-DF")));
    }

    @Test
    @TestSecurity(user = "insp", roles = "inspector")
    void bboxReturnsTheWorksInsideTheBox() {
        // Around Parque Madero (DEMO-001, a polygon) and nothing of the far west (DEMO-005).
        given().queryParam("bbox", "-110.9580,29.0785,-110.9550,29.0805").queryParam("limit", 1000)
                .when().get("/api/v1/works")
                .then().statusCode(200)
                .body("items.code", hasItem("DEMO-001"))
                .body("items.code", everyItem(org.hamcrest.Matchers.not(equalTo("DEMO-005"))));
    }

    @Test
    @TestSecurity(user = "insp", roles = "inspector")
    void pagesThroughTheCatalogueInCodeOrder() {
        long total = db.count("SELECT count(*) FROM public_work");
        List<String> codes = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().queryParam("limit", 7);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response r = request.when().get("/api/v1/works").then().statusCode(200).extract().response();
            codes.addAll(r.path("items.code"));
            cursor = r.path("next");
        } while (cursor != null);
        assertThat(codes).hasSize((int) total).doesNotHaveDuplicates();
        assertThat(db.column("SELECT code FROM public_work ORDER BY code")).containsExactlyElementsOf(codes);
    }

    @ParameterizedTest(name = "{0}={1} → 400")
    @CsvSource(delimiter = '|', value = {
            "bbox|-110.9,29.1,-111.0,29.2",
            "bbox|-111,-95,-110,29",
            "bbox|x,29,-110,30",
            "limit|0",
            "limit|5000",
            "cursor|bm90LWEtY3Vyc29y",
    })
    @TestSecurity(user = "insp", roles = "inspector")
    void badListParametersAre400Problems(String parameter, String value) {
        given().queryParam(parameter, value)
                .when().get("/api/v1/works")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo(parameter));
    }

    @Test
    @TestSecurity(user = "ana", roles = "admin")
    void importEndpointAnswersThePerRowReportInTheCallersLanguage() {
        db.update("DELETE FROM public_work WHERE code LIKE 'API-IMP-%'");
        String csv = """
                code,name,budget_mxn,lon,lat
                API-IMP-1,Importada por HTTP,100,-110.9613,29.0729
                API-IMP-2,Presupuesto negativo,-100,-110.9613,29.0729
                """;
        given().contentType("text/csv").body(csv).header("Accept-Language", "en")
                .when().post("/api/v1/works/import")
                .then().statusCode(200)
                .body("format", equalTo("CSV"))
                .body("created", equalTo(1))
                .body("rejected", equalTo(1))
                .body("rows[1].row", equalTo(3))
                .body("rows[1].errors[0].field", equalTo("budget_mxn"))
                .body("rows[1].errors[0].message", equalTo("Must not be negative"))
                .body("rows[0].id", notNullValue());

        given().contentType("application/geo+json")
                .body("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\","
                        + "\"coordinates\":[-110.9613,29.0729]},\"properties\":{\"code\":\"API-IMP-1\",\"name\":\"Importada por HTTP\","
                        + "\"budget_mxn\":100}}]}")
                .when().post("/api/v1/works/import")
                .then().statusCode(200)
                .body("format", equalTo("GEOJSON"))
                .body("unchanged", equalTo(1));

        given().contentType("text/csv").body("nombre;lugar\nx;y\n")
                .when().post("/api/v1/works/import")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("IMPORT_MISSING_COLUMNS"));
    }
}
