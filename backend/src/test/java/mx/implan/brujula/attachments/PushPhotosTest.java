package mx.implan.brujula.attachments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import mx.implan.brujula.auth.Roles;
import mx.implan.brujula.observations.IncompleteFlags;
import mx.implan.brujula.testing.Db;
import mx.implan.brujula.testing.Items;
import mx.implan.brujula.testing.Photos;
import mx.implan.brujula.testing.TestUsers;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

@QuarkusTest
class PushPhotosTest {

    @Inject
    TestUsers users;
    @Inject
    Db db;
    @Inject
    IncompleteFlags incomplete;
    @Inject
    OrphanReport orphans;
    @Inject
    ObjectStore store;

    private String inspector() {
        return users.bearer("insp-photos-push", Roles.INSPECTOR);
    }

    private static ObjectNode withPhotos(ObjectNode item, String... hashes) {
        var photos = item.putArray("photos");
        for (String h : hashes) {
            photos.addObject().put("sha256", h).put("mediaType", "image/jpeg").put("bytes", 1000);
        }
        return item;
    }

    private void upload(byte[] bytes) {
        given().header("Authorization", inspector()).contentType("image/jpeg").body(bytes)
                .put("/api/v1/attachments/" + Photos.sha256(bytes)).then().statusCode(201);
    }

    private List<String> flags(ObjectNode item) {
        return given().header("Authorization", inspector()).get("/api/v1/observations/" + item.get("id").asText())
                .then().statusCode(200).extract().path("flags");
    }

    @Test
    void thePushResponseListsExactlyTheReferencedPhotosNotStoredAndFlagsThemIncomplete() {
        byte[] stored = Photos.jpeg(10, 10);
        byte[] later = Photos.jpeg(11, 11);
        byte[] last = Photos.jpeg(12, 12);
        upload(stored);
        String s = Photos.sha256(stored);
        String l = Photos.sha256(later);
        String z = Photos.sha256(last);
        ObjectNode a = withPhotos(Items.risk(UUID.randomUUID()), s, l);
        ObjectNode b = withPhotos(Items.risk(UUID.randomUUID()), z, l);
        ObjectNode c = Items.risk(UUID.randomUUID());
        ObjectNode d = withPhotos(Items.risk(UUID.randomUUID()), s);
        String batch = Items.batch(a, b, c, d);
        given().header("Authorization", inspector()).contentType("application/json").body(batch).post("/api/v1/sync/push")
                .then().statusCode(200)
                .body("results.status", equalTo(List.of("CREATED", "CREATED", "CREATED", "CREATED")))
                .body("results[0].missingPhotos", contains(l))
                .body("results[1].missingPhotos", contains(z, l))
                .body("results[2].missingPhotos", empty())
                .body("results[3].missingPhotos", empty())
                .body("results[0].flags", hasItem("INCOMPLETE"))
                .body("results[1].flags", hasItem("INCOMPLETE"))
                .body("results[2].flags", not(hasItem("INCOMPLETE")))
                .body("results[3].flags", not(hasItem("INCOMPLETE")));

        upload(later);
        assertThat(flags(a)).doesNotContain("INCOMPLETE");
        assertThat(flags(b)).contains("INCOMPLETE");
        given().header("Authorization", inspector()).get("/api/v1/observations/" + a.get("id").asText()).then()
                .body("rev", equalTo(2)).body("history[1].change", equalTo("PHOTOS"));
        upload(last);
        assertThat(flags(b)).doesNotContain("INCOMPLETE");

        // A replay answers with today's truth: nothing is missing any more.
        given().header("Authorization", inspector()).contentType("application/json").body(batch).post("/api/v1/sync/push")
                .then().statusCode(200)
                .body("results.status", equalTo(List.of("UNCHANGED", "UNCHANGED", "UNCHANGED", "UNCHANGED")))
                .body("results[0].missingPhotos", empty()).body("results[1].missingPhotos", empty());
    }

    @Test
    void anEditThatAddsAMissingPhotoBecomesIncompleteAndOneThatDropsItIsComplete() {
        ObjectNode item = Items.risk(UUID.randomUUID());
        given().header("Authorization", inspector()).contentType("application/json").body(Items.batch(item))
                .post("/api/v1/sync/push").then().body("results[0].flags", not(hasItem("INCOMPLETE")));
        String missing = Photos.sha256(Photos.jpeg(9, 9));
        ObjectNode edit = withPhotos(Items.edit(item, 1), missing);
        given().header("Authorization", inspector()).contentType("application/json").body(Items.batch(edit))
                .post("/api/v1/sync/push").then().body("results[0].status", equalTo("UPDATED"))
                .body("results[0].missingPhotos", contains(missing)).body("results[0].flags", hasItem("INCOMPLETE"));
        ObjectNode back = Items.edit(item, 2);
        back.putArray("photos");
        given().header("Authorization", inspector()).contentType("application/json").body(Items.batch(back))
                .post("/api/v1/sync/push").then().body("results[0].status", equalTo("UPDATED"))
                .body("results[0].flags", not(hasItem("INCOMPLETE")));
    }

    @Test
    void theSweeperCompletesObservationsWhosePhotoArrivedUnseen() {
        byte[] photo = Photos.jpeg(13, 13);
        String sha = Photos.sha256(photo);
        ObjectNode item = withPhotos(Items.risk(UUID.randomUUID()), sha);
        given().header("Authorization", inspector()).contentType("application/json").body(Items.batch(item))
                .post("/api/v1/sync/push").then().body("results[0].flags", hasItem("INCOMPLETE"));
        // The race: the row appears without the upload path seeing the observation.
        db.update("INSERT INTO attachment (sha256, media_type, bytes, width, height, created_by) VALUES (?, 'image/jpeg', ?, 13, 13, 'test')",
                sha, (long) photo.length);
        assertThat(incomplete.sweep()).isGreaterThanOrEqualTo(1);
        assertThat(flags(item)).doesNotContain("INCOMPLETE");
    }

    @Test
    void theOrphanReportCountsUnreferencedPhotosAndMissingOnesWithoutTouchingReadiness() {
        // The test bucket outlives the test database, so count what this test adds.
        OrphanReport.Result before = orphans.run(Duration.ZERO);
        byte[] lonely = Photos.jpeg(14, 14);
        upload(lonely);
        String never = Photos.sha256(Photos.jpeg(15, 15));
        given().header("Authorization", inspector()).contentType("application/json")
                .body(Items.batch(withPhotos(Items.risk(UUID.randomUUID()), never))).post("/api/v1/sync/push").then().statusCode(200);
        OrphanReport.Result young = orphans.run(Duration.ofDays(7));
        assertThat(young.unreferencedSample()).doesNotContain(Photos.sha256(lonely));
        assertThat(young.missingSample()).doesNotContain(never);
        OrphanReport.Result result = orphans.run(Duration.ZERO);
        assertThat(result.unreferencedObjects()).isEqualTo(before.unreferencedObjects() + 1);
        assertThat(result.missingObjects()).isEqualTo(before.missingObjects() + 1);
        assertThat(result.missingSample()).contains(never);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("brujula_attachments_unreferenced_objects " + (double) result.unreferencedObjects())
                .contains("brujula_attachments_missing_objects " + (double) result.missingObjects());
        given().get("/q/health/ready").then().statusCode(200);
        // Reported, never deleted.
        given().header("Authorization", inspector()).head("/api/v1/attachments/" + Photos.sha256(lonely)).then().statusCode(200);
    }

    @Test
    void theOrphanReportFindsReferencedPhotosWhoseObjectIsGoneFromTheBucket() {
        byte[] photo = Photos.jpeg(16, 16);
        String sha = Photos.sha256(photo);
        upload(photo);
        byte[] kept = Photos.jpeg(17, 17);
        upload(kept);
        given().header("Authorization", inspector()).contentType("application/json")
                .body(Items.batch(withPhotos(Items.risk(UUID.randomUUID()), sha, Photos.sha256(kept))))
                .post("/api/v1/sync/push").then().statusCode(200).body("results[0].missingPhotos", empty());
        OrphanReport.Result before = orphans.run(Duration.ofDays(7));
        assertThat(before.lostSample()).doesNotContain(sha);
        // The row says stored; the bucket no longer has it (deleted by hand, restored from an old backup).
        store.delete(sha);
        OrphanReport.Result after = orphans.run(Duration.ofDays(7));
        assertThat(after.lostObjects()).isEqualTo(before.lostObjects() + 1);
        assertThat(after.lostSample()).contains(sha).doesNotContain(Photos.sha256(kept));
        assertThat(after.missingObjects()).isEqualTo(before.missingObjects() + 1);
        assertThat(after.missingSample()).contains(sha);
        assertThat(given().get("/q/metrics").then().statusCode(200).extract().asString())
                .contains("brujula_attachments_lost_objects " + (double) after.lostObjects());
    }
}
