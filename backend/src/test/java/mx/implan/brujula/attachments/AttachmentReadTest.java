package mx.implan.brujula.attachments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import mx.implan.brujula.auth.Roles;
import mx.implan.brujula.testing.Items;
import mx.implan.brujula.testing.Photos;
import mx.implan.brujula.testing.TestUsers;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class AttachmentReadTest {

    @Inject
    TestUsers users;

    private String author() {
        return users.bearer("insp-photos-read", Roles.INSPECTOR);
    }

    private String upload(String bearer, byte[] bytes) {
        String sha = Photos.sha256(bytes);
        given().header("Authorization", bearer).contentType("image/jpeg").body(bytes).put("/api/v1/attachments/" + sha)
                .then().statusCode(201);
        return sha;
    }

    private void observe(String bearer, String... hashes) {
        ObjectNode item = Items.risk(UUID.randomUUID());
        var photos = item.putArray("photos");
        for (String h : hashes) {
            photos.addObject().put("sha256", h).put("mediaType", "image/jpeg").put("bytes", 1000);
        }
        given().header("Authorization", bearer).contentType("application/json").body(Items.batch(item))
                .post("/api/v1/sync/push").then().statusCode(200).body("results[0].status", equalTo("CREATED"));
    }

    private Response get(String bearer, String sha, String variant) {
        return given().header("Authorization", bearer).queryParam("variant", variant).get("/api/v1/attachments/" + sha);
    }

    /** A 640 × 480 photo (red left, blue right) taken with the phone turned: EXIF orientation 6, GPS and camera fields. */
    private String turnedPhotoWithGps(byte[][] bytesOut) {
        byte[] jpeg = Photos.jpegWithExif(640, 480, 6);
        bytesOut[0] = jpeg;
        String sha = upload(author(), jpeg);
        observe(author(), sha);
        return sha;
    }

    @Test
    void theAuthorReadsTheOriginalWithItsGpsAndCachingHeaders() {
        byte[][] bytes = new byte[1][];
        String sha = turnedPhotoWithGps(bytes);
        Response r = get(author(), sha, "original");
        r.then().statusCode(200).contentType("image/jpeg").header("ETag", "\"" + sha + "\"")
                .header("Cache-Control", containsString("private")).header("Accept-Ranges", "bytes");
        byte[] body = r.asByteArray();
        assertThat(body).isEqualTo(bytes[0]);
        assertThat(Photos.hasExifGps(body)).isTrue();
        given().header("Authorization", author()).header("If-None-Match", "\"" + sha + "\"").get("/api/v1/attachments/" + sha)
                .then().statusCode(304);
    }

    @Test
    void thePublicVariantHasNoGpsNorCameraFieldsAndIsUpright() {
        byte[][] bytes = new byte[1][];
        String sha = turnedPhotoWithGps(bytes);
        Response r = get(author(), sha, "public");
        r.then().statusCode(200).contentType("image/jpeg").header("ETag", "\"" + sha + "-public\"");
        byte[] body = r.asByteArray();
        assertThat(Photos.exifSegment(body)).isNull();
        assertThat(Photos.hasExifGps(body)).isFalse();
        assertThat(new String(body, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("Samsung").doesNotContain("SM-A546E");
        BufferedImage image = Photos.decode(body);
        // Orientation 6 is a quarter turn clockwise: 640 × 480 stored → 480 × 640 upright, the red left half on top.
        assertThat(image.getWidth()).isEqualTo(480);
        assertThat(image.getHeight()).isEqualTo(640);
        assertRedOnTopBlueBelow(image);
    }

    @Test
    void thumbnailsAreAtMost320PixelsAndUpright() {
        byte[][] bytes = new byte[1][];
        String sha = turnedPhotoWithGps(bytes);
        for (int i = 0; i < 2; i++) { // the second answer comes from the cached object
            BufferedImage thumb = Photos.decode(get(author(), sha, "thumb").then().statusCode(200)
                    .contentType("image/jpeg").extract().asByteArray());
            assertThat(thumb.getWidth()).isEqualTo(240);
            assertThat(thumb.getHeight()).isEqualTo(320);
            assertRedOnTopBlueBelow(thumb);
        }
        byte[] big = Photos.jpeg(2400, 1600);
        String bigSha = upload(author(), big);
        observe(author(), bigSha);
        BufferedImage thumb = Photos.decode(get(author(), bigSha, "thumb").then().statusCode(200).extract().asByteArray());
        assertThat(thumb.getWidth()).isEqualTo(320);
        assertThat(thumb.getHeight()).isEqualTo(213);
    }

    private static void assertRedOnTopBlueBelow(BufferedImage image) {
        int top = image.getRGB(image.getWidth() / 2, image.getHeight() / 8);
        int bottom = image.getRGB(image.getWidth() / 2, image.getHeight() * 7 / 8);
        assertThat((top >> 16) & 0xFF).as("red on top").isGreaterThan(200);
        assertThat(top & 0xFF).isLessThan(60);
        assertThat(bottom & 0xFF).as("blue below").isGreaterThan(200);
        assertThat((bottom >> 16) & 0xFF).isLessThan(60);
    }

    @Test
    void rangesAreServed() {
        byte[][] bytes = new byte[1][];
        String sha = turnedPhotoWithGps(bytes);
        int total = bytes[0].length;
        Response first = given().header("Authorization", author()).header("Range", "bytes=0-99").get("/api/v1/attachments/" + sha);
        first.then().statusCode(206).header("Content-Range", "bytes 0-99/" + total);
        assertThat(first.asByteArray()).isEqualTo(Arrays.copyOf(bytes[0], 100));
        Response tail = given().header("Authorization", author()).header("Range", "bytes=-10").get("/api/v1/attachments/" + sha);
        tail.then().statusCode(206).header("Content-Range", "bytes " + (total - 10) + "-" + (total - 1) + "/" + total);
        assertThat(tail.asByteArray()).isEqualTo(Arrays.copyOfRange(bytes[0], total - 10, total));
        given().header("Authorization", author()).header("Range", "bytes=" + total + "-").get("/api/v1/attachments/" + sha)
                .then().statusCode(416).header("Content-Range", "bytes */" + total).body("code", equalTo("RANGE_NOT_SATISFIABLE"));
    }

    @Test
    void aCitizenCannotFetchAnInspectorsPhoto() {
        byte[][] bytes = new byte[1][];
        String sha = turnedPhotoWithGps(bytes);
        String citizen = users.bearer("ciudadana-photos", Roles.CITIZEN);
        for (String variant : new String[]{"original", "public", "thumb"}) {
            get(citizen, sha, variant).then().statusCode(404).contentType("application/problem+json")
                    .body("code", equalTo("ATTACHMENT_NOT_FOUND"));
        }
        get(users.bearer("insp-photos-other", Roles.INSPECTOR), sha, "original").then().statusCode(404);
        get(users.bearer("sup-photos", Roles.SUPERVISOR), sha, "original").then().statusCode(200);
    }

    @Test
    void theCitizenAuthorReadsTheirOwnOriginal() {
        String citizen = users.bearer("ciudadano-photos-own", Roles.CITIZEN);
        String sha = upload(citizen, Photos.jpeg(40, 30));
        observe(citizen, sha);
        get(citizen, sha, "original").then().statusCode(200);
    }

    @Test
    void nobodyReadsAPhotoThatNoReadableObservationReferences() {
        String sha = upload(author(), Photos.jpeg(30, 30));
        get(author(), sha, "original").then().statusCode(404).body("code", equalTo("ATTACHMENT_NOT_FOUND"));
        get(users.bearer("sup-photos", Roles.SUPERVISOR), sha, "thumb").then().statusCode(404);
        get(users.bearer("admin-photos", Roles.ADMIN), Photos.sha256(new byte[]{42}), "public").then().statusCode(404);
    }

    @Test
    void anUnknownVariantIsABadRequest() {
        get(author(), Photos.sha256(new byte[]{1}), "huge").then().statusCode(400)
                .body("code", equalTo("INVALID_PARAMETER")).body("errors[0].field", equalTo("variant"));
    }
}
