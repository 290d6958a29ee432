package mx.implan.brujula.moderation;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
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
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/** Citizen photos are public only after a supervisor approves them, and only as the EXIF-stripped public variant. */
@QuarkusTest
class PhotoModerationTest {

    @Inject
    TestUsers users;
    @Inject
    Db db;

    private String citizen() {
        return users.bearer("ciudadana.fotos", Roles.CITIZEN);
    }

    private String otherCitizen() {
        return users.bearer("vecino.fotos", Roles.CITIZEN);
    }

    private String supervisor() {
        return users.bearer("sup.moderacion", Roles.SUPERVISOR);
    }

    private String inspector() {
        return users.bearer("insp.moderacion", Roles.INSPECTOR);
    }

    /** A citizen uploads a photo with EXIF GPS and reports through Open311 with it; returns {sha256, request id}. */
    private String[] citizenReportWithPhoto() {
        byte[] jpeg = Photos.jpegWithExif(400, 300, 1);
        String sha = Photos.sha256(jpeg);
        given().header("Authorization", citizen()).contentType("image/jpeg").body(jpeg).put("/api/v1/attachments/" + sha)
                .then().statusCode(201);
        ThreadLocalRandom r = ThreadLocalRandom.current();
        String id = given().header("Authorization", citizen()).contentType("application/x-www-form-urlencoded")
                .formParam("service_code", "RISK_ARBOL_EN_RIESGO")
                .formParam("lat", Double.toString(29.03 + r.nextDouble() * 0.1))
                .formParam("long", Double.toString(-111.0 + r.nextDouble() * 0.1))
                .formParam("media_url", "/api/v1/attachments/" + sha)
                .post("/open311/v2/requests.json").then().statusCode(201).extract().path("[0].service_request_id");
        return new String[]{sha, id};
    }

    private static Response anonymous(String sha, String variant) {
        return given().queryParam("variant", variant).get("/api/v1/attachments/" + sha);
    }

    private Response decide(String bearer, String sha, String decision) {
        return given().header("Authorization", bearer).contentType(ContentType.JSON)
                .body(Map.of("decision", decision, "reason", "revisada")).post("/api/v1/moderation/photos/" + sha + "/decision");
    }

    @Test
    void anUnmoderatedCitizenPhotoIsNotPublic() {
        String[] report = citizenReportWithPhoto();
        String sha = report[0];
        anonymous(sha, "public").then().statusCode(404).contentType("application/problem+json")
                .body("code", equalTo("ATTACHMENT_NOT_FOUND"));
        anonymous(sha, "original").then().statusCode(401);
        anonymous(sha, "thumb").then().statusCode(401);
        given().header("Authorization", otherCitizen()).queryParam("variant", "public").get("/api/v1/attachments/" + sha)
                .then().statusCode(404);
        given().get("/open311/v2/requests/" + report[1] + ".json").then().statusCode(200).body("[0].media_url", nullValue());
        // The author still sees their own photo, and supervisors find it waiting for review.
        given().header("Authorization", citizen()).queryParam("variant", "original").get("/api/v1/attachments/" + sha)
                .then().statusCode(200);
        List<Map<String, Object>> pending = given().header("Authorization", supervisor()).queryParam("limit", "500")
                .get("/api/v1/moderation/photos").then().statusCode(200).extract().path("items");
        Map<String, Object> item = pending.stream().filter(p -> sha.equals(p.get("sha256"))).findFirst().orElseThrow();
        assertThat(item.get("decision")).isEqualTo("PENDING");
        assertThat(item.get("observationIds")).isEqualTo(List.of(report[1]));
    }

    @Test
    void anApprovedPhotoIsServedToAnyoneOnlyAsThePublicVariant() {
        String[] report = citizenReportWithPhoto();
        String sha = report[0];
        decide(supervisor(), sha, "APPROVED").then().statusCode(200)
                .body("decision", equalTo("APPROVED")).body("decidedBy", equalTo("sup.moderacion"))
                .body("observationIds", equalTo(List.of(report[1])));

        Response pub = anonymous(sha, "public");
        pub.then().statusCode(200).contentType("image/jpeg");
        byte[] body = pub.asByteArray();
        assertThat(Photos.decode(body).getWidth()).isEqualTo(400);
        assertThat(Photos.hasExifGps(body)).isFalse();
        // The original, with the reporter's GPS position, stays private.
        anonymous(sha, "original").then().statusCode(401);
        anonymous(sha, null).then().statusCode(401);
        given().header("Authorization", otherCitizen()).queryParam("variant", "original").get("/api/v1/attachments/" + sha)
                .then().statusCode(404);
        given().header("Authorization", otherCitizen()).queryParam("variant", "public").get("/api/v1/attachments/" + sha)
                .then().statusCode(200);
        given().get("/open311/v2/requests/" + report[1] + ".json").then().statusCode(200)
                .body("[0].media_url", endsWith("/api/v1/attachments/" + sha + "?variant=public"));
        given().get("/open311/v2/requests/" + report[1] + ".xml").then().statusCode(200)
                .body("service_requests.request.media_url", endsWith("?variant=public"));

        // Audited in the observation's history: who, before and after.
        Response detail = given().header("Authorization", supervisor()).get("/api/v1/observations/" + report[1]);
        detail.then().statusCode(200);
        List<Map<String, Object>> audit = detail.path("audit");
        Map<String, Object> entry = audit.stream().filter(a -> "photo.moderated".equals(a.get("action"))).findFirst().orElseThrow();
        assertThat(entry.get("actor")).isEqualTo("sup.moderacion");
        assertThat(entry.get("at")).isNotNull();
        assertThat(entry.get("before")).isEqualTo(Map.of("photo", sha, "decision", "PENDING"));
        assertThat(entry.get("after")).isEqualTo(Map.of("photo", sha, "decision", "APPROVED", "reason", "revisada"));

        given().header("Authorization", supervisor()).queryParam("limit", "500").get("/api/v1/moderation/photos")
                .then().body("items.sha256", not(hasItem(sha)));
        given().header("Authorization", supervisor()).queryParam("status", "approved").queryParam("limit", "500")
                .get("/api/v1/moderation/photos").then().statusCode(200).body("items.sha256", hasItem(sha));
        // The same decision again changes nothing and audits nothing.
        decide(supervisor(), sha, "approved").then().statusCode(200);
        assertThat(db.count("SELECT count(*) FROM audit_log WHERE action = 'photo.moderated' AND entity_id = ?", report[1]))
                .isEqualTo(1);
    }

    @Test
    void aRejectedPhotoIsNeverPublic() {
        String[] report = citizenReportWithPhoto();
        String sha = report[0];
        decide(supervisor(), sha, "REJECTED").then().statusCode(200).body("decision", equalTo("REJECTED"));
        anonymous(sha, "public").then().statusCode(404);
        given().header("Authorization", otherCitizen()).queryParam("variant", "public").get("/api/v1/attachments/" + sha)
                .then().statusCode(404);
        given().get("/open311/v2/requests/" + report[1] + ".json").then().body("[0].media_url", nullValue());
        given().get("/open311/v2/requests.json?service_request_id=" + report[1]).then().body("[0].media_url", nullValue());
        given().header("Authorization", supervisor()).queryParam("status", "rejected").queryParam("limit", "500")
                .get("/api/v1/moderation/photos").then().statusCode(200).body("items.sha256", hasItem(sha));
        assertThat(db.count("SELECT count(*) FROM audit_log WHERE action = 'photo.moderated' AND entity_id = ?"
                + " AND after ->> 'decision' = 'REJECTED'", report[1])).isEqualTo(1);
    }

    @Test
    void onlySupervisorsAndAdminsModerate() {
        String sha = citizenReportWithPhoto()[0];
        decide(citizen(), sha, "APPROVED").then().statusCode(403);
        decide(inspector(), sha, "APPROVED").then().statusCode(403);
        given().contentType(ContentType.JSON).body(Map.of("decision", "APPROVED"))
                .post("/api/v1/moderation/photos/" + sha + "/decision").then().statusCode(401);
        given().header("Authorization", inspector()).get("/api/v1/moderation/photos").then().statusCode(403);
        given().get("/api/v1/moderation/photos").then().statusCode(401);
        decide(users.bearer("admin.moderacion", Roles.ADMIN), sha, "APPROVED").then().statusCode(200);
        anonymous(sha, "public").then().statusCode(200);
    }

    @Test
    void staffPhotosAndBadDecisionsAreRefused() {
        byte[] jpeg = Photos.jpeg(64, 64);
        String sha = Photos.sha256(jpeg);
        given().header("Authorization", inspector()).contentType("image/jpeg").body(jpeg).put("/api/v1/attachments/" + sha)
                .then().statusCode(201);
        var item = Items.risk(UUID.randomUUID());
        item.putArray("photos").addObject().put("sha256", sha).put("mediaType", "image/jpeg").put("bytes", jpeg.length);
        given().header("Authorization", inspector()).contentType(ContentType.JSON).body(Items.batch(item))
                .post("/api/v1/sync/push").then().statusCode(200).body("results[0].status", equalTo("CREATED"));
        decide(supervisor(), sha, "APPROVED").then().statusCode(404).body("code", equalTo("PHOTO_NOT_MODERATED"));
        anonymous(sha, "public").then().statusCode(404);

        String citizenSha = citizenReportWithPhoto()[0];
        decide(supervisor(), citizenSha, "MAYBE").then().statusCode(422).body("errors[0].field", equalTo("decision"));
        decide(supervisor(), citizenSha.toUpperCase(), "APPROVED").then().statusCode(400);
        given().header("Authorization", supervisor()).queryParam("status", "soon").get("/api/v1/moderation/photos")
                .then().statusCode(400).body("errors[0].field", equalTo("status"));
        assertThat(db.count("SELECT count(*) FROM photo_moderation WHERE sha256 = ?", citizenSha)).isZero();
    }

    @Test
    void thePendingListPagesWithACursor() {
        for (int i = 0; i < 3; i++) {
            citizenReportWithPhoto();
        }
        Response first = given().header("Authorization", supervisor()).queryParam("limit", "2").get("/api/v1/moderation/photos");
        first.then().statusCode(200);
        List<String> page1 = first.path("items.sha256");
        String next = first.path("next");
        assertThat(page1).hasSize(2);
        assertThat(next).isNotNull();
        List<String> page2 = given().header("Authorization", supervisor()).queryParam("limit", "2").queryParam("cursor", next)
                .get("/api/v1/moderation/photos").then().statusCode(200).extract().path("items.sha256");
        assertThat(page2).isNotEmpty().doesNotContainAnyElementsOf(page1);
    }
}
