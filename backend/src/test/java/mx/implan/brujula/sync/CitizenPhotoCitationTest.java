package mx.implan.brujula.sync;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

/**
 * A citizen's push (and its single {@code POST /observations}) may cite only photos the citizen sent itself, as
 * Open311 demands of {@code media_url}: a hash already stored from someone else's upload is refused at that photo's
 * field, nothing of the item stored, the other items unaffected. A hash not uploaded yet passes (devices push
 * observations before their photos); staff are not restricted.
 */
@QuarkusTest
class CitizenPhotoCitationTest {

    @Inject
    TestUsers users;
    @Inject
    Db db;

    private String citizen() {
        return users.bearer("ciudadana.cita.fotos", Roles.CITIZEN);
    }

    private String inspector() {
        return users.bearer("insp.cita.fotos", Roles.INSPECTOR);
    }

    /** Bytes no other test sends. */
    private static byte[] uniqueJpeg() {
        return Photos.jpeg(60 + ThreadLocalRandom.current().nextInt(200), 40 + ThreadLocalRandom.current().nextInt(200));
    }

    private static String upload(String bearer, byte[] jpeg, int status) {
        String sha = Photos.sha256(jpeg);
        given().header("Authorization", bearer).contentType("image/jpeg").body(jpeg).put("/api/v1/attachments/" + sha)
                .then().statusCode(status);
        return sha;
    }

    private static ObjectNode citing(String... hashes) {
        ObjectNode item = Items.urbanImage(UUID.randomUUID(), -110.95, 29.08, "GRAFITI");
        ArrayNode photos = item.putArray("photos");
        for (String sha : hashes) {
            photos.addObject().put("sha256", sha).put("mediaType", "image/jpeg").put("bytes", 1000);
        }
        return item;
    }

    private static Response push(String bearer, ObjectNode... items) {
        return given().header("Authorization", bearer).contentType(ContentType.JSON).body(Items.batch(items))
                .post("/api/v1/sync/push");
    }

    private long stored(ObjectNode item) {
        UUID id = UUID.fromString(item.get("id").asText());
        return db.count("SELECT count(*) FROM observation WHERE id = ?", id)
                + db.count("SELECT count(*) FROM applied_op WHERE observation_id = ?", id)
                + db.count("SELECT count(*) FROM outbox WHERE aggregate_id = ?", id.toString());
    }

    @Test
    void aCitizensPushCitingAnInspectorsPhotoIsRejectedAtThatPhotoAndTheOtherItemsAreStored() {
        String inspectors = upload(inspector(), uniqueJpeg(), 201);
        String own = upload(citizen(), uniqueJpeg(), 201);
        String notYetUploaded = Photos.sha256(uniqueJpeg());
        ObjectNode before = citing(own);
        ObjectNode bad = citing(notYetUploaded, inspectors);
        ObjectNode after = Items.risk(UUID.randomUUID());

        push(citizen(), before, bad, after).then().statusCode(200)
                .body("results.status", equalTo(List.of("CREATED", "REJECTED", "CREATED")))
                .body("results[1].errors.field", equalTo(List.of("photos[1].sha256")))
                .body("results[1].errors.code", equalTo(List.of("PHOTO_NOT_YOURS")))
                .body("results[0].missingPhotos", empty());
        assertThat(stored(bad)).isZero();
        assertThat(stored(before)).isEqualTo(3);
        assertThat(stored(after)).isEqualTo(3);
        // Nothing of it reaches moderation: no citizen observation references the inspector's photo.
        assertThat(db.count("SELECT count(*) FROM observation WHERE photos @> ?::jsonb",
                "[{\"sha256\":\"" + inspectors + "\"}]")).isZero();

        // Resending the queue as it is gets the same refusal, never a partial write.
        push(citizen(), bad).then().statusCode(200).body("results[0].status", equalTo("REJECTED"))
                .body("results[0].errors[0].code", equalTo("PHOTO_NOT_YOURS"));
        assertThat(stored(bad)).isZero();
    }

    @Test
    void aCitizenMayCiteItsPhotosBeforeUploadingThemAsTheAppDoesOffline() {
        byte[] jpeg = uniqueJpeg();
        String sha = Photos.sha256(jpeg);
        ObjectNode item = citing(sha);
        push(citizen(), item).then().statusCode(200).body("results[0].status", equalTo("CREATED"))
                .body("results[0].missingPhotos", equalTo(List.of(sha)));
        upload(citizen(), jpeg, 201);
        // Its own upload now: an edit that keeps the photo is accepted as before.
        ObjectNode edit = Items.edit(item, 1);
        edit.put("notes", "Grafiti en la barda, ya con foto");
        push(citizen(), edit).then().statusCode(200).body("results[0].status", equalTo("UPDATED"))
                .body("results[0].missingPhotos", empty());
    }

    @Test
    void aReplayAnswersAsTheFirstTimeEvenIfSomeoneElseUploadedThoseBytesFirstMeanwhile() {
        byte[] jpeg = uniqueJpeg();
        String sha = Photos.sha256(jpeg);
        ObjectNode item = citing(sha);
        push(citizen(), item).then().statusCode(200).body("results[0].status", equalTo("CREATED"));
        // Before the citizen's phone sends the photo, an inspector uploads the same bytes.
        upload(inspector(), jpeg, 201);
        // The citizen's phone never saw the answer and sends the same write again: it is the same write, not a new citation.
        long before = stored(item);
        push(citizen(), item).then().statusCode(200).body("results[0].status", equalTo("UNCHANGED"));
        assertThat(stored(item)).isEqualTo(before);
        UUID id = UUID.fromString(item.get("id").asText());
        assertThat(db.count("SELECT count(*) FROM observation WHERE id = ?", id)).isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM applied_op WHERE observation_id = ?", id)).isEqualTo(1);
    }

    @Test
    void aCitizensSingleObservationCitingAnotherUsersPhotoIs422AtThePhotoField() {
        String inspectors = upload(inspector(), uniqueJpeg(), 201);
        ObjectNode item = citing(inspectors);
        given().header("Authorization", citizen()).header("Accept-Language", "en").contentType(ContentType.JSON)
                .body(item.toString()).post("/api/v1/observations")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("photos[0].sha256")).body("errors[0].code", equalTo("PHOTO_NOT_YOURS"))
                .body("errors[0].message", equalTo("This photo was uploaded by someone else: you may only cite photos you sent yourself with your account"));
        assertThat(stored(item)).isZero();
    }

    @Test
    void aCitizenWhoSendsTheBytesItselfMayCiteThem() {
        byte[] jpeg = uniqueJpeg();
        String sha = upload(inspector(), jpeg, 201);
        push(citizen(), citing(sha)).then().statusCode(200).body("results[0].status", equalTo("REJECTED"));
        // Sending the same bytes (the same photo taken from the inspector's phone, say) makes it the citizen's too.
        upload(citizen(), jpeg, 200);
        push(citizen(), citing(sha)).then().statusCode(200).body("results[0].status", equalTo("CREATED"));
    }

    @Test
    void inspectorsMayCiteEachOthersPhotos() {
        String colleagues = upload(users.bearer("insp.cita.fotos.b", Roles.INSPECTOR), uniqueJpeg(), 201);
        ObjectNode item = citing(colleagues);
        push(inspector(), item).then().statusCode(200).body("results[0].status", equalTo("CREATED"));
        assertThat(stored(item)).isEqualTo(3);
    }
}
