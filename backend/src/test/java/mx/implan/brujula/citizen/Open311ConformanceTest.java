package mx.implan.brujula.citizen;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.xml.XmlPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import mx.implan.brujula.auth.Roles;
import mx.implan.brujula.testing.Db;
import mx.implan.brujula.testing.TestUsers;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Real clients' requests replayed as they send them: FixMyStreet (mySociety's {@code Open311.pm}:
 * a form-encoded POST to {@code requests.xml} with its photo URL as {@code media_url}, its own
 * {@code attribute[...]}, address-only reports, and the {@code servicerequestupdates.xml} poll of
 * the last two hours) and the GeoReport v2 spec's own example requests, in XML and JSON.
 */
@QuarkusTest
class Open311ConformanceTest {

    private static final String JURISDICTION = "hermosillo.gob.mx";
    private static final DateTimeFormatter W3CDTF = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'");

    @Inject
    Db db;
    @Inject
    TestUsers users;

    /** The parameters FixMyStreet's Open311.pm sends for a pinpointed report with a photo (its _populate_service_request_params). */
    private static Map<String, String> fixMyStreetReport(String serviceCode, String fmsId) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        Map<String, String> p = new java.util.LinkedHashMap<>();
        p.put("jurisdiction_id", JURISDICTION);
        p.put("api_key", "clave-de-fixmystreet");
        p.put("description", "title: Bache en Blvd. Kino\n\ndetail: Bache profundo junto al camellón, peligroso de noche\n\n"
                + "url: https://www.fixmystreet.example/report/" + fmsId + "\n\nSubmitted via FixMyStreet\n");
        p.put("service_code", serviceCode);
        p.put("first_name", "Lucía");
        p.put("last_name", "Valenzuela Ruiz");
        p.put("phone", "+52 662 555 0101");
        p.put("email", "lucia." + fmsId + "@example.mx");
        // Utils::truncate_coordinate: six decimals.
        p.put("lat", String.format(java.util.Locale.ROOT, "%.6f", 29.03 + r.nextDouble() * 0.1));
        p.put("long", String.format(java.util.Locale.ROOT, "%.6f", -111.0 + r.nextDouble() * 0.1));
        p.put("media_url", "https://www.fixmystreet.example/photo/" + fmsId + ".0.full.jpeg?a1b2c3d4");
        p.put("attribute[fixmystreet_id]", fmsId);
        p.put("attribute[title]", "Bache en Blvd. Kino");
        p.put("attribute[description]", "Bache profundo junto al camellón, peligroso de noche");
        p.put("attribute[report_url]", "https://www.fixmystreet.example/report/" + fmsId);
        p.put("attribute[closest_address]", "Blvd. Eusebio Kino 300, Hermosillo");
        p.put("attribute[severity]", "4");
        return p;
    }

    /** As LWP posts it: application/x-www-form-urlencoded, no charset. */
    private static io.restassured.specification.RequestSpecification lwp(Map<String, String> params) {
        var spec = given().config(io.restassured.RestAssured.config().encoderConfig(io.restassured.config.EncoderConfig.encoderConfig()
                .appendDefaultContentCharsetToContentTypeIfUndefined(false).defaultContentCharset("UTF-8")))
                .contentType("application/x-www-form-urlencoded");
        params.forEach(spec::formParam);
        return spec;
    }

    @Test
    void fixMyStreetsReportWithItsPhotoUrlIsDeliveredInXmlAndJson() {
        String fmsId = String.valueOf(ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999));
        Map<String, String> params = fixMyStreetReport("URBAN_IMAGE_BACHE", fmsId);
        Response xml = lwp(params).post("/open311/v2/requests.xml");
        xml.then().statusCode(201).contentType(org.hamcrest.Matchers.containsString("text/xml"));
        // What Open311.pm reads: $obj->{request}->[0]->{service_request_id}, and no token to chase.
        XmlPath answer = new XmlPath(xml.asString());
        String id = answer.getString("service_requests.request[0].service_request_id");
        assertThat(id).isNotBlank();
        assertThat(answer.getString("service_requests.request[0].token")).isEmpty();

        assertThat(db.string("SELECT notes FROM observation WHERE id = ?::uuid", id)).contains("Submitted via FixMyStreet");
        assertThat(db.string("SELECT attributes->>'severity' FROM observation WHERE id = ?::uuid", id)).isEqualTo("4");
        assertThat(db.string("SELECT email FROM citizen_contact WHERE observation_id = ?::uuid", id)).isEqualTo("lucia." + fmsId + "@example.mx");
        assertThat(db.string("SELECT l.url FROM citizen_report_link rl JOIN citizen_media_link l USING (url_sha256) WHERE rl.observation_id = ?::uuid", id))
                .isEqualTo(params.get("media_url"));
        // FixMyStreet's GetServiceRequests: the report by id, in XML, with no personal data and no unmoderated link.
        given().queryParam("jurisdiction_id", JURISDICTION).queryParam("service_request_id", id).get("/open311/v2/requests.xml")
                .then().statusCode(200)
                .body("service_requests.request.service_request_id", equalTo(id))
                .body("service_requests.request.status", equalTo("open"))
                .body("service_requests.request.media_url", equalTo(""))
                .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("lucia.")));

        // The same parameters as JSON (another photo page, so another report).
        Map<String, String> again = fixMyStreetReport("RISK_ARBOL_EN_RIESGO", fmsId + "1");
        lwp(again).post("/open311/v2/requests.json").then().statusCode(201)
                .body("[0].service_request_id", notNullValue()).body("[0].account_id", equalTo(null));
    }

    @Test
    void fixMyStreetsSeveralPhotosArriveAsRepeatedMediaUrls() {
        String fmsId = String.valueOf(ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999));
        Map<String, String> params = fixMyStreetReport("URBAN_IMAGE_BASURA", fmsId);
        params.remove("media_url");
        var spec = lwp(params);
        for (int i = 0; i < 3; i++) {
            spec.formParam("media_url", "https://www.fixmystreet.example/photo/" + fmsId + "." + i + ".full.jpeg");
        }
        String id = spec.post("/open311/v2/requests.xml").then().statusCode(201)
                .extract().path("service_requests.request.service_request_id");
        assertThat(db.count("SELECT count(*) FROM citizen_report_link WHERE observation_id = ?::uuid", id)).isEqualTo(3);
    }

    @Test
    void fixMyStreetsReportsWithoutAPinAreAddressOnlyReports() {
        // Not pinpointed: its postcode as address_string, or #NOTPINPOINTED# as address_id (send_notpinpointed).
        Map<String, String> postcode = fixMyStreetReport("URBAN_IMAGE_ALUMBRADO", "5550001");
        postcode.remove("lat");
        postcode.remove("long");
        postcode.put("address_string", "83000");
        postcode.put("account_id", "fms-user-42");
        String a = lwp(postcode).post("/open311/v2/requests.xml").then().statusCode(201)
                .extract().path("service_requests.request.service_request_id");
        Map<String, String> notPinpointed = fixMyStreetReport("URBAN_IMAGE_ALUMBRADO", "5550002");
        notPinpointed.remove("lat");
        notPinpointed.remove("long");
        notPinpointed.put("address_id", "#NOTPINPOINTED#");
        String b = lwp(notPinpointed).post("/open311/v2/requests.json").then().statusCode(201).extract().path("[0].service_request_id");
        for (String id : List.of(a, b)) {
            assertThat(db.count("SELECT count(*) FROM observation WHERE id = ?::uuid AND 'NEEDS_LOCATION' = ANY (flags)", id)).isEqualTo(1);
            given().get("/open311/v2/requests/" + id + ".json").then().statusCode(200)
                    .body("[0].lat", equalTo(null)).body("[0].long", equalTo(null));
        }
        given().get("/open311/v2/requests/" + a + ".xml").then().body("service_requests.request.address", equalTo("83000"));
    }

    @Test
    void fixMyStreetPollsStatusChangesAsServiceRequestUpdates() {
        String supervisor = users.bearer("sup.actualizaciones", Roles.SUPERVISOR);
        String id = lwp(fixMyStreetReport("RISK_HUNDIMIENTO", "7770001")).post("/open311/v2/requests.xml").then().statusCode(201)
                .extract().path("service_requests.request.service_request_id");
        for (String status : List.of("VERIFIED", "MITIGATED")) {
            given().header("Authorization", supervisor).contentType("application/json").body(Map.of("status", status))
                    .patch("/api/v1/observations/" + id).then().statusCode(200);
        }
        // GetServiceRequestUpdates without dates asks for the last two hours, in UTC W3CDTF.
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(1);
        Map<String, String> poll = Map.of("api_key", "clave-de-fixmystreet", "jurisdiction_id", JURISDICTION,
                "start_date", now.minusHours(2).format(W3CDTF), "end_date", now.format(W3CDTF));
        Response xml = given().queryParams(poll).get("/open311/v2/servicerequestupdates.xml");
        xml.then().statusCode(200).contentType(org.hamcrest.Matchers.containsString("text/xml"));
        XmlPath updates = new XmlPath(xml.asString()).setRootPath("service_request_updates");
        List<String> mine = updates.getList("request_update.findAll { it.service_request_id == '" + id + "' }.update_id");
        assertThat(mine).hasSize(2).doesNotHaveDuplicates();
        assertThat(updates.getList("request_update.findAll { it.service_request_id == '" + id + "' }.status"))
                .containsExactly("investigating", "fixed");
        assertThat(updates.getList("request_update.findAll { it.service_request_id == '" + id + "' }.external_status_code"))
                .containsExactly("VERIFIED", "MITIGATED");
        for (String member : List.of("updated_datetime", "description")) {
            assertThat(updates.getList("request_update.findAll { it.service_request_id == '" + id + "' }." + member, String.class))
                    .allSatisfy(v -> assertThat(v).isNotBlank());
        }
        // media_url is present and empty (FixMyStreet fetches a non-empty one as the update's photo).
        assertThat(xml.asString()).containsPattern("<media_url(/>|></media_url>)").doesNotContain("<media_url>h");
        String updated = updates.getString("request_update.find { it.service_request_id == '" + id + "' }.updated_datetime");
        assertThat(OffsetDateTime.parse(updated)).isBetween(now.minusHours(2), now);

        // Polling again gives the same update ids (FixMyStreet skips those it has), and JSON says the same.
        List<String> json = given().queryParams(poll).get("/open311/v2/servicerequestupdates.json").then().statusCode(200)
                .body("find { it.service_request_id == '" + id + "' }.media_url", equalTo(""))
                .extract().path("findAll { it.service_request_id == '" + id + "' }.update_id");
        assertThat(json).isEqualTo(mine);
        // A window that ended before the changes has none of them.
        given().queryParam("start_date", now.minusDays(3).format(W3CDTF)).queryParam("end_date", now.minusDays(2).format(W3CDTF))
                .get("/open311/v2/servicerequestupdates.json").then().statusCode(200)
                .body("service_request_id", org.hamcrest.Matchers.not(hasItem(id)));
        // The report itself is closed now.
        given().get("/open311/v2/requests/" + id + ".xml").then().body("service_requests.request.status", equalTo("closed"));
    }

    @Test
    void theSpecsExampleRequestsWorkInXmlAndJson() {
        // POST Service Request's example body, with our jurisdiction and a service of ours.
        String body = "api_key=xyz&jurisdiction_id=" + JURISDICTION + "&service_code=URBAN_IMAGE_BANQUETA&lat=37.76524078&long=-122.4212043"
                + "&address_string=1234+5th+street&email=smit333%40sfgov.edu&device_id=tt222111&account_id=123456&first_name=john"
                + "&last_name=smith&phone=111111111&description=A+large+sinkhole+is+destroying+the+street"
                + "&media_url=http%3A%2F%2Ffarm3.static.flickr.com%2F2002%2F2212426634_5ed477a060.jpg&attribute[WHISPAWN]=123456"
                + "&attribute[WHISDORN]=COISL001";
        String xmlId = given().contentType("application/x-www-form-urlencoded; charset=utf-8").body(body + "&attribute[x]=" + UUID.randomUUID())
                .post("/open311/v2/requests.xml").then().statusCode(201)
                .body("service_requests.request.service_request_id", notNullValue())
                .extract().path("service_requests.request.service_request_id");
        given().contentType("application/x-www-form-urlencoded; charset=utf-8").body(body + "&attribute[x]=" + UUID.randomUUID())
                .post("/open311/v2/requests.json").then().statusCode(201).body("[0].service_request_id", notNullValue());
        // GET Service Request, GET Service Requests, service definition and token: the spec's sample URLs.
        given().queryParam("jurisdiction_id", JURISDICTION).get("/open311/v2/requests/" + xmlId + ".xml").then().statusCode(200)
                .body("service_requests.request.address", equalTo("1234 5th street"))
                .body("service_requests.request.lat", equalTo("37.76524078"));
        given().get("/open311/v2/requests.xml?start_date=2010-05-24T00:00:00Z&end_date=2010-06-24T00:00:00Z&status=open&jurisdiction_id="
                + JURISDICTION).then().statusCode(200).body("service_requests.request.size()", equalTo(0));
        given().get("/open311/v2/requests.json?start_date=2010-05-24T00:00:00Z&end_date=2010-06-24T00:00:00Z&status=open&jurisdiction_id="
                + JURISDICTION).then().statusCode(200).body("size()", equalTo(0));
        given().queryParam("jurisdiction_id", JURISDICTION).get("/open311/v2/services/033.xml").then().statusCode(404)
                .body("errors.error.code", equalTo("404"));
        given().queryParam("jurisdiction_id", JURISDICTION).get("/open311/v2/tokens/123456.xml").then().statusCode(404)
                .body("errors.error.code", equalTo("404"));
        given().queryParam("jurisdiction_id", "city.gov").get("/open311/v2/requests.json").then().statusCode(404)
                .body("[0].code", equalTo(404));
        given().get("/open311/v2/discovery.xml").then().statusCode(200)
                .body("discovery.endpoints.endpoint.specification", equalTo("http://wiki.open311.org/GeoReport_v2"));
        // The report's timestamps are W3C date-times to the second.
        String requested = given().get("/open311/v2/requests/" + xmlId + ".json").then().extract().path("[0].requested_datetime");
        assertThat(OffsetDateTime.parse(requested).truncatedTo(ChronoUnit.SECONDS)).isEqualTo(OffsetDateTime.parse(requested));
    }
}
