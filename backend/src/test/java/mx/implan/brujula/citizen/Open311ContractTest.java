package mx.implan.brujula.citizen;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import mx.implan.brujula.auth.Roles;
import mx.implan.brujula.testing.Db;
import mx.implan.brujula.testing.TestUsers;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

/** GeoReport v2 shapes in JSON and XML, and requests made the way the spec's examples make them. */
@QuarkusTest
class Open311ContractTest {

    @Inject
    Db db;
    @Inject
    TestUsers users;

    @Test
    void discoveryInJsonAndXmlLinksThePrivacyNotice() {
        given().get("/open311/v2/discovery.json").then().statusCode(200)
                .contentType(containsString("application/json"))
                .body("changeset", notNullValue())
                .body("contact", notNullValue())
                .body("privacy_notice", containsString("/aviso-de-privacidad"))
                .body("endpoints[0].specification", equalTo("http://wiki.open311.org/GeoReport_v2"))
                .body("endpoints[0].url", containsString("/open311/v2"))
                .body("endpoints[0].formats", hasItem("text/xml"))
                .body("endpoints[0].formats", hasItem("application/json"));
        given().get("/open311/v2/discovery.xml").then().statusCode(200)
                .contentType(containsString("text/xml"))
                .body("discovery.endpoints.endpoint.specification", equalTo("http://wiki.open311.org/GeoReport_v2"))
                .body("discovery.endpoints.endpoint.formats.format.size()", equalTo(2))
                .body("discovery.privacy_notice", containsString("/aviso-de-privacidad"));
        given().get("/aviso-de-privacidad").then().statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("Aviso de privacidad"), containsString("Privacy notice"), containsString("ARCO"));
    }

    @Test
    void servicesListEveryHazardAndUrbanIssueInSpanishOrEnglish() {
        Response json = given().get("/open311/v2/services.json");
        json.then().statusCode(200)
                .body("service_code", hasItem("RISK_INUNDACION"))
                .body("service_code", hasItem("URBAN_IMAGE_BACHE"))
                .body("size()", equalTo(17))
                .body("find { it.service_code == 'URBAN_IMAGE_BACHE' }.service_name", equalTo("Bache"))
                .body("find { it.service_code == 'URBAN_IMAGE_BACHE' }.metadata", equalTo(true))
                .body("find { it.service_code == 'URBAN_IMAGE_BACHE' }.type", equalTo("realtime"))
                .body("every { it.containsKey('keywords') && it.containsKey('group') && it.containsKey('description') }", equalTo(true));
        given().get("/open311/v2/services.json?lang=en").then().statusCode(200)
                .body("find { it.service_code == 'URBAN_IMAGE_BACHE' }.service_name", equalTo("Pothole"));
        given().header("Accept-Language", "en").get("/open311/v2/services.json").then()
                .body("find { it.service_code == 'RISK_INUNDACION' }.service_name", equalTo("Flooding"));
        given().get("/open311/v2/services.xml").then().statusCode(200)
                .contentType(containsString("text/xml"))
                .body("services.service.size()", equalTo(17))
                .body("services.service.service_code", hasItem("RISK_HUNDIMIENTO"))
                .body("services.service.find { it.service_code == 'URBAN_IMAGE_BACHE' }.metadata", equalTo("true"));
    }

    @Test
    void serviceDefinitionListsItsAttributes() {
        given().get("/open311/v2/services/RISK_INUNDACION.json").then().statusCode(200)
                .body("service_code", equalTo("RISK_INUNDACION"))
                .body("attributes.code", hasItem("severity"))
                .body("attributes.code", hasItem("observation_id"))
                .body("attributes[0].variable", equalTo(true))
                .body("attributes[0].datatype", equalTo("singlevaluelist"))
                .body("attributes[0].required", equalTo(false))
                .body("attributes[0].order", equalTo(1))
                .body("attributes[0].values.key", equalTo(List.of("1", "2", "3", "4", "5")));
        given().get("/open311/v2/services/URBAN_IMAGE_BACHE.xml").then().statusCode(200)
                .body("service_definition.service_code", equalTo("URBAN_IMAGE_BACHE"))
                .body("service_definition.attributes.attribute.size()", equalTo(2))
                .body("service_definition.attributes.attribute[0].values.value.size()", equalTo(5));
        given().get("/open311/v2/services/NO_SUCH.json").then().statusCode(404)
                .body("[0].code", equalTo(404)).body("[0].description", notNullValue());
        given().get("/open311/v2/services/NO_SUCH.xml").then().statusCode(404)
                .body("errors.error.code", equalTo("404"));
    }

    @Test
    void anonymousFormPostCreatesAnObservationAndATrackingTokenInAHeader() {
        double[] p = Reports.somewhere();
        Map<String, String> form = Reports.form("RISK_HUNDIMIENTO", p);
        form.put("attribute[severity]", "4");
        form.put("email", "vecina@example.mx");
        form.put("first_name", "Ana");
        form.put("last_name", "Pérez");
        form.put("phone", "+52 662 123 4567");
        form.put("device_id", "android-abc");
        form.put("address_string", "Calle Rosales 120, Centro");
        Response created = Reports.post(form).post("/open311/v2/requests.json");
        created.then().statusCode(201)
                .body("size()", equalTo(1))
                .body("[0].service_request_id", notNullValue())
                // The spec answers service_request_id or token, never both: the token travels in a header.
                .body("[0]", org.hamcrest.Matchers.not(hasKey("token")))
                .body("[0]", hasKey("service_notice"));
        String id = created.path("[0].service_request_id");
        String token = Reports.token(created);
        assertThat(token).isNotBlank();

        assertThat(db.string("SELECT kind FROM observation WHERE id = ?::uuid", id)).isEqualTo("RISK");
        assertThat(db.string("SELECT author FROM observation WHERE id = ?::uuid", id)).startsWith("citizen:anon:");
        assertThat(db.string("SELECT attributes->>'hazard' FROM observation WHERE id = ?::uuid", id)).isEqualTo("HUNDIMIENTO");
        assertThat(db.string("SELECT attributes->>'severity' FROM observation WHERE id = ?::uuid", id)).isEqualTo("4");
        assertThat(db.string("SELECT ST_AsText(geom) FROM observation WHERE id = ?::uuid", id)).startsWith("POINT(");
        assertThat(db.count("SELECT count(*) FROM observation_revision WHERE observation_id = ?::uuid", id)).isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM applied_op WHERE observation_id = ?::uuid", id)).isEqualTo(1);
        // The token is stored only as its hash; personal data lives apart from the observation.
        assertThat(db.count("SELECT count(*) FROM citizen_report WHERE token_hash = ?", token)).isZero();
        assertThat(db.string("SELECT email FROM citizen_contact WHERE observation_id = ?::uuid", id)).isEqualTo("vecina@example.mx");
        assertThat(db.string("SELECT doc::text FROM observation_revision WHERE observation_id = ?::uuid", id)).doesNotContain("vecina");

        given().get("/open311/v2/requests/" + id + ".json").then().statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].service_request_id", equalTo(id))
                .body("[0].status", equalTo("open"))
                .body("[0].status_notes", containsString("REPORTED"))
                .body("[0].service_code", equalTo("RISK_HUNDIMIENTO"))
                .body("[0].service_name", equalTo("Hundimiento o socavón"))
                .body("[0].description", equalTo("Socavón frente al número 120"))
                .body("[0].address", equalTo("Calle Rosales 120, Centro"))
                .body("[0].requested_datetime", notNullValue())
                .body("[0].updated_datetime", notNullValue())
                .body("[0].lat", equalTo((float) p[1]))
                .body("[0].long", equalTo((float) p[0]))
                .body("[0]", hasKey("agency_responsible"))
                .body("[0]", hasKey("media_url"))
                .body(org.hamcrest.Matchers.not(containsString("vecina")))
                .body(org.hamcrest.Matchers.not(containsString("Pérez")))
                // The phone's own digits: "662" alone also turns up in the random coordinates.
                .body(org.hamcrest.Matchers.not(containsString("123 4567")))
                .body(org.hamcrest.Matchers.not(containsString("1234567")));
        given().get("/open311/v2/requests/" + id + ".xml").then().statusCode(200)
                .contentType(containsString("text/xml"))
                .body("service_requests.request.service_request_id", equalTo(id))
                .body("service_requests.request.status", equalTo("open"))
                .body("service_requests.request.service_code", equalTo("RISK_HUNDIMIENTO"))
                .body(org.hamcrest.Matchers.not(containsString("vecina")));
        given().get("/open311/v2/tokens/" + token + ".json").then().statusCode(200)
                .body("[0].service_request_id", equalTo(id)).body("[0].token", equalTo(token));
        given().get("/open311/v2/tokens/" + token + ".xml").then().statusCode(200)
                .body("service_requests.request.service_request_id", equalTo(id));
    }

    @Test
    void xmlPostAnswersInXml() {
        Map<String, String> form = Reports.form("URBAN_IMAGE_BACHE", Reports.somewhere());
        Response created = Reports.post(form).post("/open311/v2/requests.xml");
        created.then().statusCode(201)
                .contentType(containsString("text/xml"))
                .body("service_requests.request.service_request_id", notNullValue())
                .body(org.hamcrest.Matchers.not(containsString("<token>")));
        assertThat(Reports.token(created)).isNotBlank();
    }

    @Test
    void signedInCitizenAuthorsTheReportAndSeesAllOwnReports() {
        String bearer = users.bearer("ciudadana.open311", Roles.CITIZEN);
        String first = Reports.post(Reports.form("URBAN_IMAGE_ALUMBRADO", Reports.somewhere()))
                .header("Authorization", bearer).post("/open311/v2/requests.json")
                .then().statusCode(201)
                .body("[0].account_id", equalTo("ciudadana.open311"))
                .body("[0]", org.hamcrest.Matchers.not(hasKey("token")))
                .header(Open311Resource.TRACKING_TOKEN, org.hamcrest.Matchers.nullValue())
                .extract().path("[0].service_request_id");
        Map<String, String> other = Reports.form("URBAN_IMAGE_BASURA", Reports.somewhere());
        other.put("device_id", "otro-telefono");
        String second = Reports.post(other).header("Authorization", bearer).post("/open311/v2/requests.json")
                .then().statusCode(201).extract().path("[0].service_request_id");
        assertThat(db.string("SELECT author FROM observation WHERE id = ?::uuid", first)).isEqualTo("ciudadana.open311");
        given().header("Authorization", bearer).get("/open311/v2/requests.json?mine=true").then().statusCode(200)
                .body("service_request_id", hasItem(first)).body("service_request_id", hasItem(second))
                .body("size()", equalTo(2));
        given().header("Authorization", bearer).get("/api/v1/observations?kind=URBAN_IMAGE").then().statusCode(200)
                .body("items.id", hasItem(first)).body("items.id", hasItem(second));
        given().get("/open311/v2/requests.json?mine=true").then().statusCode(401).body("[0].code", equalTo(401));
    }

    @Test
    void listFiltersByIdServiceStatusAndWindow() {
        String a = created("RISK_FUGA");
        String b = created("RISK_FUGA");
        given().get("/open311/v2/requests.json?service_request_id=" + a + "," + b).then().statusCode(200)
                .body("size()", equalTo(2));
        given().get("/open311/v2/requests.json?service_code=RISK_FUGA&status=open").then().statusCode(200)
                .body("service_request_id", hasItem(a))
                .body("service_code", everyItem(equalTo("RISK_FUGA")))
                .body("status", everyItem(equalTo("open")));
        given().get("/open311/v2/requests.json?service_code=RISK_FUGA&status=closed").then().statusCode(200)
                .body("service_request_id", org.hamcrest.Matchers.not(hasItem(a)));
        given().get("/open311/v2/requests.xml?service_code=RISK_FUGA").then().statusCode(200)
                .body("service_requests.request.service_request_id", hasItem(a));
        given().get("/open311/v2/requests.json?start_date=2020-01-01T00:00:00Z&end_date=2020-03-01T00:00:00Z").then()
                .statusCode(200).body("size()", equalTo(0));
        given().get("/open311/v2/requests.json?start_date=2020-01-01T00:00:00Z&end_date=2020-06-01T00:00:00Z").then()
                .statusCode(400).body("[0].code", equalTo(400)).body("[0].description", containsString("90"));
        given().get("/open311/v2/requests.json?status=pending").then().statusCode(400).body("[0].code", equalTo(400));
        given().get("/open311/v2/requests/" + UUID.randomUUID() + ".json").then().statusCode(404).body("[0].code", equalTo(404));
        given().get("/open311/v2/discovery").then().statusCode(404).body("[0].code", equalTo(404));
        given().get("/open311/v2/services.csv").then().statusCode(404).body("[0].code", equalTo(404));
        given().get("/open311/v2/nada/de/nada.xml").then().statusCode(404).body("errors.error.code", equalTo("404"));
        // A malformed id names no request: 404, as the spec says (it used to be 400).
        given().get("/open311/v2/requests/not-a-uuid.xml").then().statusCode(404)
                .body("errors.error.code", equalTo("404"));
    }

    @Test
    void closedObservationIsClosedInOpen311() {
        String id = created("URBAN_IMAGE_GRAFITI");
        String supervisor = users.bearer("supervisora.open311", Roles.SUPERVISOR);
        given().header("Authorization", supervisor).contentType("application/json")
                .body("{\"status\": \"RESOLVED\"}").patch("/api/v1/observations/" + id).then().statusCode(200);
        given().get("/open311/v2/requests/" + id + ".json").then().statusCode(200)
                .body("[0].status", equalTo("closed"))
                .body("[0].status_notes", startsWith("Resuelto"));
        given().get("/open311/v2/requests/" + id + ".json?lang=en").then()
                .body("[0].status_notes", startsWith("Resolved"));
    }

    private static String created(String service) {
        return Reports.post(Reports.form(service, Reports.somewhere())).post("/open311/v2/requests.json")
                .then().statusCode(201).extract().path("[0].service_request_id");
    }
}
