package mx.implan.brujula.citizen;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import mx.implan.brujula.auth.Roles;
import mx.implan.brujula.testing.Db;
import mx.implan.brujula.testing.RawHttp;
import mx.implan.brujula.testing.TestUsers;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** Where Brújula used to differ from GeoReport v2 and now follows it (issue 10, item 12). */
@QuarkusTest
class Open311SpecDeviationTest {

    @Inject
    Db db;
    @Inject
    TestUsers users;

    @Test
    void aPostAnswersOnlyTheServiceRequestIdTheTokenTravelsInAHeader() {
        Response json = Reports.post(Reports.form("RISK_FUGA", Reports.somewhere())).post("/open311/v2/requests.json");
        json.then().statusCode(201).body("[0].service_request_id", notNullValue()).body("[0]", not(hasKey("token")));
        String token = Reports.token(json);
        assertThat(token).isNotBlank();
        // The token still finds the request, as the spec's tokens call does.
        given().get("/open311/v2/tokens/" + token + ".json").then().statusCode(200)
                .body("[0].service_request_id", equalTo(json.path("[0].service_request_id")));
        Reports.post(Reports.form("RISK_FUGA", Reports.somewhere())).post("/open311/v2/requests.xml").then().statusCode(201)
                .body("service_requests.request.service_request_id", notNullValue())
                .body(not(containsString("<token>")));
    }

    @Test
    void anAddressOnlyReportIsAcceptedFlaggedListedFirstForStaffAndPlacedByThem() {
        String supervisor = users.bearer("sup.sin-ubicacion", Roles.SUPERVISOR);
        Map<String, String> form = Reports.form("URBAN_IMAGE_BACHE", Reports.somewhere());
        form.remove("lat");
        form.remove("long");
        form.put("address_string", "Blvd. Kino 300, Hermosillo");
        form.put("description", "Bache sin coordenadas " + UUID.randomUUID());
        String id = Reports.post(form).post("/open311/v2/requests.json").then().statusCode(201)
                .extract().path("[0].service_request_id");
        assertThat(db.count("SELECT count(*) FROM observation WHERE id = ?::uuid AND 'NEEDS_LOCATION' = ANY (flags)", id)).isEqualTo(1);
        // Public output shows no placeholder point, only the address.
        given().get("/open311/v2/requests/" + id + ".json").then().statusCode(200)
                .body("[0].lat", nullValue()).body("[0].long", nullValue())
                .body("[0].address", equalTo("Blvd. Kino 300, Hermosillo"));
        // address_id alone is a location too (FixMyStreet's #NOTPINPOINTED# included).
        Map<String, String> byId = Reports.form("RISK_GRIETA", Reports.somewhere());
        byId.remove("lat");
        byId.remove("long");
        byId.put("address_id", "#NOTPINPOINTED#");
        String second = Reports.post(byId).post("/open311/v2/requests.xml").then().statusCode(201)
                .extract().path("service_requests.request.service_request_id");
        given().get("/open311/v2/requests/" + second + ".xml").then().body("service_requests.request.address_id", equalTo("#NOTPINPOINTED#"));

        // Staff triage: reports that need a location come first.
        Response queue = given().header("Authorization", supervisor).queryParam("limit", "500").get("/api/v1/citizen-reports");
        queue.then().statusCode(200);
        List<Boolean> needs = queue.path("items.needsLocation");
        assertThat(needs).contains(true, false);
        assertThat(needs.indexOf(false)).isGreaterThan(needs.lastIndexOf(true));
        assertThat(queue.<List<String>>path("items.findAll { it.needsLocation }.serviceRequestId")).contains(id, second);
        given().header("Authorization", supervisor).queryParam("needsLocation", "true").queryParam("limit", "500")
                .get("/api/v1/citizen-reports").then().statusCode(200).body("items.needsLocation", org.hamcrest.Matchers.everyItem(equalTo(true)));

        // A supervisor places it: a new revision, the flag gone, the point public.
        long revs = db.count("SELECT count(*) FROM observation_revision WHERE observation_id = ?::uuid", id);
        given().header("Authorization", supervisor).contentType("application/json").body(Map.of("lat", 29.0901, "long", -110.9512))
                .put("/api/v1/citizen-reports/" + id + "/location").then().statusCode(200)
                .body("needsLocation", equalTo(false)).body("lat", equalTo(29.0901f)).body("flags", not(org.hamcrest.Matchers.hasItem("NEEDS_LOCATION")));
        assertThat(db.count("SELECT count(*) FROM observation_revision WHERE observation_id = ?::uuid", id)).isEqualTo(revs + 1);
        assertThat(db.count("SELECT count(*) FROM observation WHERE id = ?::uuid AND 'NEEDS_LOCATION' = ANY (flags)", id)).isZero();
        assertThat(db.string("SELECT ST_AsText(geom) FROM observation WHERE id = ?::uuid", id)).isEqualTo("POINT(-110.9512 29.0901)");
        assertThat(db.count("SELECT count(*) FROM audit_log WHERE entity_id = ? AND action = 'citizen-report.located'", id)).isEqualTo(1);
        given().get("/open311/v2/requests/" + id + ".json").then().body("[0].lat", equalTo(29.0901f)).body("[0].long", equalTo(-110.9512f));

        // Only staff place reports; a bad point is 422 naming the field.
        given().header("Authorization", users.bearer("ciud.sin-ubicacion", Roles.CITIZEN)).contentType("application/json")
                .body(Map.of("lat", 29.1, "long", -110.9)).put("/api/v1/citizen-reports/" + second + "/location").then().statusCode(403);
        given().header("Authorization", supervisor).contentType("application/json").body(Map.of("lat", 95, "long", -110.9))
                .put("/api/v1/citizen-reports/" + second + "/location").then().statusCode(422).body("errors[0].field", equalTo("lat"));
        given().header("Authorization", supervisor).contentType("application/json").body(Map.of("lat", 29.1, "long", -110.9))
                .put("/api/v1/citizen-reports/" + UUID.randomUUID() + "/location").then().statusCode(404)
                .body("code", equalTo("CITIZEN_REPORT_NOT_FOUND"));
    }

    @Test
    void anUnknownServiceCodeOnPostIs404AsTheSpecSays() {
        Map<String, String> form = Reports.form("RISK_VOLCAN", Reports.somewhere());
        long before = db.writes();
        Reports.post(form).post("/open311/v2/requests.json").then().statusCode(404)
                .body("[0].code", equalTo(404)).body("[0].description", containsString("RISK_VOLCAN"));
        Reports.post(form).post("/open311/v2/requests.xml").then().statusCode(404).body("errors.error.code", equalTo("404"));
        assertThat(db.writes()).isEqualTo(before);
    }

    @Test
    void aMalformedServiceRequestIdIs404AsTheSpecSays() {
        given().get("/open311/v2/requests/not-a-uuid.json").then().statusCode(404).body("[0].code", equalTo(404));
        given().get("/open311/v2/requests/1-2-3-4-5.xml").then().statusCode(404).body("errors.error.code", equalTo("404"));
    }

    @Test
    void methodsNotAllowedAnswerInTheGeoReportFormat() {
        given().contentType("application/x-www-form-urlencoded").body("a=b").put("/open311/v2/requests.json").then()
                .statusCode(405).contentType(containsString("application/json")).body("[0].code", equalTo(405));
        given().contentType("application/x-www-form-urlencoded").body("a=b").post("/open311/v2/services.xml").then()
                .statusCode(405).contentType(containsString("text/xml")).body("errors.error.code", equalTo("405"));
        given().delete("/open311/v2/requests/" + UUID.randomUUID() + ".xml").then()
                .statusCode(405).contentType(containsString("text/xml")).body("errors.error.code", equalTo("405"));
    }

    @Test
    void aNulInThePathAnswersInTheGeoReportFormat() throws Exception {
        RawHttp.Answer xml = RawHttp.send("127.0.0.1", "GET", "/open311/v2/requests.json%00.xml", Map.of(), null);
        assertThat(xml.status()).isEqualTo(400);
        assertThat(xml.header("Content-Type")).startsWith("text/xml");
        assertThat(xml.body()).contains("<errors><error><code>400</code>");
        RawHttp.Answer json = RawHttp.send("127.0.0.1", "GET", "/open311/v2/requests.json?status=open%00", Map.of(), null);
        assertThat(json.status()).isEqualTo(400);
        assertThat(json.body()).startsWith("[{\"code\":400,");
    }

    @Test
    void anotherJurisdictionIs404AndOursOrNoneIsServed() {
        given().queryParam("jurisdiction_id", "city.gov").get("/open311/v2/services.json").then().statusCode(404)
                .body("[0].description", containsString("city.gov"));
        given().queryParam("jurisdiction_id", "hermosillo.gob.mx").get("/open311/v2/services.json").then().statusCode(200);
        Map<String, String> form = Reports.form("RISK_FUGA", Reports.somewhere());
        form.put("jurisdiction_id", "city.gov");
        Reports.post(form).post("/open311/v2/requests.xml").then().statusCode(404).body("errors.error.code", equalTo("404"));
    }
}
