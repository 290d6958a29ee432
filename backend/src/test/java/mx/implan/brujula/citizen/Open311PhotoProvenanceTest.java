package mx.implan.brujula.citizen;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import mx.implan.brujula.auth.Roles;
import mx.implan.brujula.testing.Db;
import mx.implan.brujula.testing.Items;
import mx.implan.brujula.testing.Photos;
import mx.implan.brujula.testing.TestUsers;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * A report carries only its own sender's photos (issue 10, item 8) and may carry external links,
 * never fetched, public only once approved (item 11); moderation shows where each came from.
 */
@QuarkusTest
class Open311PhotoProvenanceTest {

    @Inject
    Db db;
    @Inject
    TestUsers users;

    private String supervisor() {
        return users.bearer("sup.procedencia", Roles.SUPERVISOR);
    }

    /** A JPEG no other test sends. */
    private static byte[] uniqueJpeg() {
        return Photos.jpeg(120 + ThreadLocalRandom.current().nextInt(400), 90 + ThreadLocalRandom.current().nextInt(300));
    }

    private String inspectorPhoto(String inspector) {
        byte[] jpeg = uniqueJpeg();
        String sha = Photos.sha256(jpeg);
        given().header("Authorization", inspector).contentType("image/jpeg").body(jpeg).put("/api/v1/attachments/" + sha)
                .then().statusCode(201);
        return sha;
    }

    private Map<String, Object> moderationItem(String id, String status) {
        List<Map<String, Object>> items = given().header("Authorization", supervisor()).queryParam("status", status)
                .queryParam("limit", "500").get("/api/v1/moderation/photos").then().statusCode(200).extract().path("items");
        return items.stream().filter(p -> id.equals(p.get("sha256"))).findFirst().orElse(null);
    }

    @Test
    void anAnonymousReportCannotCiteAnInspectorsPhotoSoItNeverReachesModeration() {
        String sha = inspectorPhoto(users.bearer("insp.procedencia", Roles.INSPECTOR));
        long before = db.writes() + db.count("SELECT count(*) FROM citizen_report");
        for (String url : List.of("/api/v1/attachments/" + sha, "http://localhost:8080/api/v1/attachments/" + sha)) {
            Map<String, String> form = Reports.form("URBAN_IMAGE_GRAFITI", Reports.somewhere());
            form.put("media_url", url);
            Reports.post(form).header("Accept-Language", "en").post("/open311/v2/requests.json").then().statusCode(400)
                    .body("[0].description", containsString("photos you uploaded yourself"));
        }
        assertThat(db.writes() + db.count("SELECT count(*) FROM citizen_report")).isEqualTo(before);
        assertThat(moderationItem(sha, "pending")).isNull();
        given().queryParam("variant", "public").get("/api/v1/attachments/" + sha).then().statusCode(404);
    }

    @Test
    void aCitizenMayCiteOnlyPhotosItUploadedItself() {
        String owner = users.bearer("ciudadana.foto.propia", Roles.CITIZEN);
        String other = users.bearer("ciudadano.foto.ajena", Roles.CITIZEN);
        byte[] jpeg = uniqueJpeg();
        String sha = Photos.sha256(jpeg);
        given().header("Authorization", owner).contentType("image/jpeg").body(jpeg).put("/api/v1/attachments/" + sha)
                .then().statusCode(201);
        Map<String, String> form = Reports.form("URBAN_IMAGE_BANQUETA", Reports.somewhere());
        form.put("media_url", "/api/v1/attachments/" + sha);
        Reports.post(form).header("Authorization", other).post("/open311/v2/requests.json").then().statusCode(400);
        // A hash not uploaded yet by anyone is refused as well: a later upload by someone else must not fill it in.
        Map<String, String> unknown = Reports.form("URBAN_IMAGE_BANQUETA", Reports.somewhere());
        unknown.put("media_url", "/api/v1/attachments/" + "0123456789abcdef".repeat(4));
        Reports.post(unknown).header("Authorization", owner).post("/open311/v2/requests.json").then().statusCode(400);
        String id = Reports.post(form).header("Authorization", owner).post("/open311/v2/requests.json").then().statusCode(201)
                .extract().path("[0].service_request_id");
        assertThat(db.string("SELECT photos->0->>'sha256' FROM observation WHERE id = ?::uuid", id)).isEqualTo(sha);
    }

    @Test
    void moderationShowsWhereEachPhotoCameFrom() {
        String citizen = users.bearer("ciudadana.origenes", Roles.CITIZEN);
        byte[] uploaded = uniqueJpeg();
        String uploadedSha = Photos.sha256(uploaded);
        given().header("Authorization", citizen).contentType("image/jpeg").body(uploaded).put("/api/v1/attachments/" + uploadedSha)
                .then().statusCode(201);
        byte[] part = uniqueJpeg();
        String partSha = Photos.sha256(part);
        String link = "https://fixmystreet.example/photo/" + UUID.randomUUID() + ".full.jpeg";
        var spec = given().header("Authorization", citizen);
        Reports.form("RISK_ARBOL_EN_RIESGO", Reports.somewhere()).forEach(spec::multiPart);
        String id = spec.multiPart("media_url", "/api/v1/attachments/" + uploadedSha).multiPart("media_url", link)
                .multiPart("media", "arbol.jpg", part, "image/jpeg")
                .post("/open311/v2/requests.json").then().statusCode(201).extract().path("[0].service_request_id");

        Map<String, Object> byAccount = moderationItem(uploadedSha, "pending");
        assertThat(byAccount.get("kind")).isEqualTo("PHOTO");
        assertThat(byAccount.get("origins")).isEqualTo(List.of(Map.of("observationId", id, "origin", "ACCOUNT_UPLOAD",
                "account", "ciudadana.origenes")));
        Map<String, Object> withReport = moderationItem(partSha, "pending");
        assertThat(withReport.get("origins")).isEqualTo(List.of(Map.of("observationId", id, "origin", "REPORT_MEDIA",
                "account", "ciudadana.origenes")));
        String linkId = ReportMedia.linkId(link);
        Map<String, Object> external = moderationItem(linkId, "pending");
        assertThat(external.get("kind")).isEqualTo("LINK");
        assertThat(external.get("url")).isEqualTo(link);
        assertThat(external.get("origins")).isEqualTo(List.of(Map.of("observationId", id, "origin", "EXTERNAL_LINK",
                "account", "ciudadana.origenes")));
        // Staff's triage shows the same, per report.
        List<Map<String, Object>> queue = given().header("Authorization", supervisor()).queryParam("limit", "500")
                .get("/api/v1/citizen-reports").then().statusCode(200).extract().path("items");
        Map<String, Object> report = queue.stream().filter(r -> id.equals(r.get("serviceRequestId"))).findFirst().orElseThrow();
        assertThat(report.get("links")).isEqualTo(List.of(Map.of("id", linkId, "url", link, "decision", "PENDING")));
        assertThat((List<?>) report.get("photos")).hasSize(2);
    }

    @Test
    void anExternalMediaUrlIsKeptAsALinkNeverFetchedAndPublicOnlyOnceApproved() {
        long attachments = db.count("SELECT count(*) FROM attachment");
        String link = "https://www.fixmystreet.example/photo/" + UUID.randomUUID() + ".0.full.jpeg?abc";
        Map<String, String> form = Reports.form("URBAN_IMAGE_BACHE", Reports.somewhere());
        form.put("media_url", link);
        String id = Reports.post(form).post("/open311/v2/requests.xml").then().statusCode(201)
                .extract().path("service_requests.request.service_request_id");
        // Kept as given, nothing downloaded or stored for it, no photo in the observation.
        assertThat(db.string("SELECT l.url FROM citizen_report_link rl JOIN citizen_media_link l USING (url_sha256) WHERE rl.observation_id = ?::uuid", id))
                .isEqualTo(link);
        assertThat(db.count("SELECT count(*) FROM attachment")).isEqualTo(attachments);
        assertThat(db.count("SELECT jsonb_array_length(photos) FROM observation WHERE id = ?::uuid", id)).isZero();
        given().get("/open311/v2/requests/" + id + ".json").then().body("[0].media_url", nullValue());

        String linkId = ReportMedia.linkId(link);
        given().header("Authorization", supervisor()).contentType(ContentType.JSON).body(Map.of("decision", "APPROVED"))
                .post("/api/v1/moderation/photos/" + linkId + "/decision").then().statusCode(200)
                .body("kind", equalTo("LINK")).body("decision", equalTo("APPROVED"));
        given().get("/open311/v2/requests/" + id + ".json").then().body("[0].media_url", equalTo(link));
        given().get("/open311/v2/requests/" + id + ".xml").then().body("service_requests.request.media_url", equalTo(link));
        assertThat(db.count("SELECT count(*) FROM audit_log WHERE entity_id = ? AND action = 'media-link.moderated'", id)).isEqualTo(1);
        given().header("Authorization", supervisor()).contentType(ContentType.JSON).body(Map.of("decision", "REJECTED"))
                .post("/api/v1/moderation/photos/" + linkId + "/decision").then().statusCode(200);
        given().get("/open311/v2/requests/" + id + ".json").then().body("[0].media_url", nullValue());
    }

    @Test
    void aPhotoNoReporterSentCannotBeApprovedWhateverRouteCitedIt() {
        // A citizen account's push names a photo not on the server yet (devices push observations before their
        // photos, so that passes), and someone else — an inspector — uploads those bytes first (the sync route, not
        // Open311; a push naming a photo already stored from someone else is refused, see CitizenPhotoCitationTest).
        byte[] jpeg = uniqueJpeg();
        String sha = Photos.sha256(jpeg);
        String citizen = users.bearer("ciudadano.empuja", Roles.CITIZEN);
        var item = Items.urbanImage(UUID.randomUUID(), Items.LON, Items.LAT, "GRAFITI");
        item.putArray("photos").addObject().put("sha256", sha).put("mediaType", "image/jpeg").put("bytes", jpeg.length);
        given().header("Authorization", citizen).contentType(ContentType.JSON).body(Items.batch(item)).post("/api/v1/sync/push")
                .then().statusCode(200).body("results[0].status", equalTo("CREATED"));
        given().header("Authorization", users.bearer("insp.procedencia.b", Roles.INSPECTOR)).contentType("image/jpeg").body(jpeg)
                .put("/api/v1/attachments/" + sha).then().statusCode(201);

        Map<String, Object> pending = moderationItem(sha, "pending");
        assertThat(pending).isNotNull();
        assertThat(pending.get("origins")).isEqualTo(List.of(Map.of("observationId", item.get("id").asText(),
                "origin", "NOT_SENT_BY_REPORTER", "account", "ciudadano.empuja")));
        given().header("Authorization", supervisor()).contentType(ContentType.JSON).body(Map.of("decision", "APPROVED"))
                .post("/api/v1/moderation/photos/" + sha + "/decision").then().statusCode(409)
                .body("code", equalTo("PHOTO_NOT_FROM_REPORTER"));
        given().queryParam("variant", "public").get("/api/v1/attachments/" + sha).then().statusCode(404);
        given().header("Authorization", supervisor()).contentType(ContentType.JSON).body(Map.of("decision", "REJECTED"))
                .post("/api/v1/moderation/photos/" + sha + "/decision").then().statusCode(200).body("decision", equalTo("REJECTED"));
    }
}
