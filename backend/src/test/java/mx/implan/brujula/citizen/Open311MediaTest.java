package mx.implan.brujula.citizen;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import mx.implan.brujula.attachments.ObjectStore;
import mx.implan.brujula.auth.Roles;
import mx.implan.brujula.testing.Db;
import mx.implan.brujula.testing.Photos;
import mx.implan.brujula.testing.TestUsers;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * Anonymous reports with their photos inside: multipart {@code POST requests} with {@code media}
 * parts, checked like a PUT upload, stored content-addressed, referenced by the report and held
 * for moderation.
 */
@QuarkusTest
class Open311MediaTest {

    private static final long MAX_BYTES = 25L * 1024 * 1024;

    @Inject
    Db db;
    @Inject
    ObjectStore store;
    @Inject
    TestUsers users;

    /** A multipart report of a unique description (to find it, or its absence, afterwards). */
    private static RequestSpecification multipart(String description) {
        RequestSpecification spec = given();
        Reports.form("RISK_ARBOL_EN_RIESGO", Reports.somewhere()).forEach((name, value) ->
                spec.multiPart(name, "description".equals(name) ? description : value));
        return spec;
    }

    private long reportsDescribed(String description) {
        return db.count("SELECT count(*) FROM observation WHERE notes = ?", description);
    }

    private void assertNothingStored(String sha) {
        assertThat(db.count("SELECT count(*) FROM attachment WHERE sha256 = ?", sha)).isZero();
        assertThat(store.size(sha)).isEmpty();
    }

    private long objectsUnder(String sha) {
        List<ObjectStore.Entry> entries = new ArrayList<>();
        store.list(sha).forEachRemaining(entries::add);
        return entries.size();
    }

    @Test
    void anAnonymousReportCarriesItsPhotoWhichWaitsForModeration() {
        byte[] jpeg = Photos.jpegWithExif(320, 240, 1);
        String sha = Photos.sha256(jpeg);
        String description = "Árbol inclinado con foto " + UUID.randomUUID();
        io.restassured.response.Response created = multipart(description).multiPart("media", "arbol.jpg", jpeg, "image/jpeg")
                .post("/open311/v2/requests.json");
        created.then().statusCode(201).body("[0].account_id", nullValue());
        assertThat(Reports.token(created)).isNotBlank();
        String id = created.path("[0].service_request_id");

        assertThat(db.string("SELECT photos->0->>'sha256' FROM observation WHERE id = ?::uuid", id)).isEqualTo(sha);
        assertThat(db.string("SELECT photos->0->>'mediaType' FROM observation WHERE id = ?::uuid", id)).isEqualTo("image/jpeg");
        assertThat(db.count("SELECT jsonb_array_length(photos) FROM observation WHERE id = ?::uuid", id)).isEqualTo(1);
        assertThat(db.string("SELECT media_type FROM attachment WHERE sha256 = ?", sha)).isEqualTo("image/jpeg");
        assertThat(store.size(sha)).contains((long) jpeg.length);
        assertThat(objectsUnder(sha)).isEqualTo(1);
        // The observation does not wait for its photo: it arrived with it.
        assertThat(db.count("SELECT count(*) FROM observation WHERE id = ?::uuid AND 'INCOMPLETE' = ANY (flags)", id)).isZero();

        // Not public until a supervisor approves it; the anonymous reporter gets no original either.
        given().queryParam("variant", "public").get("/api/v1/attachments/" + sha).then().statusCode(404);
        given().queryParam("variant", "original").get("/api/v1/attachments/" + sha).then().statusCode(401);
        given().get("/open311/v2/requests/" + id + ".json").then().statusCode(200).body("[0].media_url", nullValue());
        List<Map<String, Object>> pending = given().header("Authorization", users.bearer("sup.media", Roles.SUPERVISOR))
                .queryParam("limit", "500").get("/api/v1/moderation/photos").then().statusCode(200).extract().path("items");
        Map<String, Object> item = pending.stream().filter(p -> sha.equals(p.get("sha256"))).findFirst().orElseThrow();
        assertThat(item.get("decision")).isEqualTo("PENDING");
        assertThat(item.get("observationIds")).isEqualTo(List.of(id));
        // Staff read the original.
        given().header("Authorization", users.bearer("sup.media", Roles.SUPERVISOR)).queryParam("variant", "original")
                .get("/api/v1/attachments/" + sha).then().statusCode(200);
    }

    @Test
    void aPngNamedJpgIsStoredAsPng() {
        byte[] png = Photos.png(40, 30);
        String sha = Photos.sha256(png);
        String id = multipart("PNG con nombre de JPEG " + UUID.randomUUID()).multiPart("media", "foto.jpg", png, "image/jpeg")
                .post("/open311/v2/requests.json").then().statusCode(201).extract().path("[0].service_request_id");
        assertThat(db.string("SELECT media_type FROM attachment WHERE sha256 = ?", sha)).isEqualTo("image/png");
        assertThat(db.string("SELECT photos->0->>'mediaType' FROM observation WHERE id = ?::uuid", id)).isEqualTo("image/png");
    }

    @Test
    void htmlSentAsJpegIsRefusedInTheSpecFormatAndNothingIsWritten() {
        byte[] html = "<!doctype html><html><body><script>alert(1)</script></body></html>".getBytes(StandardCharsets.UTF_8);
        String description = "HTML disfrazado " + UUID.randomUUID();
        multipart(description).multiPart("media", "foto.jpg", html, "image/jpeg")
                .post("/open311/v2/requests.json").then().statusCode(415)
                .contentType(containsString("application/json"))
                .body("[0].code", equalTo(415)).body("[0].description", startsWith("media[0] (foto.jpg)"));
        assertNothingStored(Photos.sha256(html));
        assertThat(reportsDescribed(description)).isZero();
    }

    @Test
    void aTruncatedPhotoIsRefusedAndTheOtherPhotosAreNotStoredEither() {
        byte[] good = Photos.jpeg(64, 48);
        byte[] whole = Photos.jpeg(400, 300);
        byte[] cut = Arrays.copyOf(whole, whole.length * 2 / 3);
        String description = "Foto cortada " + UUID.randomUUID();
        multipart(description).multiPart("media", "buena.jpg", good, "image/jpeg").multiPart("media", "cortada.jpg", cut, "image/jpeg")
                .post("/open311/v2/requests.xml").then().statusCode(422)
                .contentType(containsString("text/xml"))
                .body("errors.error.code", equalTo("422"))
                .body("errors.error.description", startsWith("media[1] (cortada.jpg)"));
        assertNothingStored(Photos.sha256(good));
        assertNothingStored(Photos.sha256(cut));
        assertThat(reportsDescribed(description)).isZero();
    }

    @Test
    void aPhotoOverTheUploadLimitIs413() {
        byte[] head = Photos.jpeg(16, 16);
        byte[] big = Arrays.copyOf(head, (int) MAX_BYTES + 1);
        String description = "Foto enorme " + UUID.randomUUID();
        multipart(description).multiPart("media", "enorme.jpg", big, "image/jpeg")
                .post("/open311/v2/requests.json").then().statusCode(413).body("[0].code", equalTo(413));
        assertNothingStored(Photos.sha256(big));
        assertThat(reportsDescribed(description)).isZero();
    }

    @Test
    void moreMediaPartsThanAllowedAre400() {
        String description = "Demasiadas fotos " + UUID.randomUUID();
        RequestSpecification spec = multipart(description);
        for (int i = 0; i < 4; i++) {
            spec.multiPart("media", "f" + i + ".jpg", Photos.jpeg(20 + i, 20), "image/jpeg");
        }
        spec.post("/open311/v2/requests.json").then().statusCode(400).body("[0].description", containsString("media"));
        assertThat(reportsDescribed(description)).isZero();
    }

    @Test
    void theSameKeyThreeTimesIsOneReportAndOneObject() {
        byte[] jpeg = Photos.jpeg(128, 96);
        String sha = Photos.sha256(jpeg);
        String description = "Reintentos con foto " + UUID.randomUUID();
        String key = "media-" + UUID.randomUUID();
        double[] at = Reports.somewhere();
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            RequestSpecification spec = given().header("Idempotency-Key", key).header("Accept-Language", "en");
            Reports.form("URBAN_IMAGE_BACHE", at).forEach((name, value) ->
                    spec.multiPart(name, "description".equals(name) ? description : value));
            answers.add(spec.multiPart("media", "bache.jpg", jpeg, "image/jpeg").post("/open311/v2/requests.json")
                    .then().statusCode(i == 0 ? 201 : 200).extract().path("[0].service_request_id"));
        }
        assertThat(answers).containsOnly(answers.get(0));
        assertThat(reportsDescribed(description)).isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM attachment WHERE sha256 = ?", sha)).isEqualTo(1);
        assertThat(objectsUnder(sha)).isEqualTo(1);

        // The same key and fields with another photo is another request.
        RequestSpecification other = given().header("Idempotency-Key", key).header("Accept-Language", "en");
        Reports.form("URBAN_IMAGE_BACHE", at).forEach((name, value) ->
                other.multiPart(name, "description".equals(name) ? description : value));
        byte[] otherJpeg = Photos.jpeg(96, 128);
        other.multiPart("media", "bache.jpg", otherJpeg, "image/jpeg").post("/open311/v2/requests.json")
                .then().statusCode(422).body("[0].description", containsString("Idempotency-Key"));
        assertNothingStored(Photos.sha256(otherJpeg));
        assertThat(reportsDescribed(description)).isEqualTo(1);
    }

    @Test
    void xmlAnswersInXmlAndMediaUrlAndPartsCombine() {
        String citizen = users.bearer("ciudadana.media", Roles.CITIZEN);
        byte[] uploaded = Photos.jpeg(50, 40);
        String uploadedSha = Photos.sha256(uploaded);
        given().header("Authorization", citizen).contentType("image/jpeg").body(uploaded).put("/api/v1/attachments/" + uploadedSha)
                .then().statusCode(201);
        byte[] part = Photos.png(30, 20);
        String partSha = Photos.sha256(part);
        String description = "Con cuenta y dos fotos " + UUID.randomUUID();
        multipart(description).header("Authorization", citizen)
                .multiPart("media_url", "/api/v1/attachments/" + uploadedSha)
                .multiPart("media", "segunda.png", part, "image/png")
                .post("/open311/v2/requests.xml").then().statusCode(201)
                .contentType(containsString("text/xml"))
                .body("service_requests.request.service_request_id", notNullValue())
                .body("service_requests.request.account_id", equalTo("ciudadana.media"));
        String id = db.string("SELECT id::text FROM observation WHERE notes = ?", description);
        assertThat(db.string("SELECT photos->0->>'sha256' FROM observation WHERE id = ?::uuid", id)).isEqualTo(uploadedSha);
        assertThat(db.string("SELECT photos->1->>'sha256' FROM observation WHERE id = ?::uuid", id)).isEqualTo(partSha);
        // The signed-in author reads the original of the photo that came inside the request.
        given().header("Authorization", citizen).queryParam("variant", "original").get("/api/v1/attachments/" + partSha)
                .then().statusCode(200).contentType("image/png");
    }

    @Test
    void aTextPartNamedMediaIs400() {
        String description = "media sin archivo " + UUID.randomUUID();
        multipart(description).multiPart("media", "no soy un archivo")
                .post("/open311/v2/requests.json").then().statusCode(400).body("[0].description", containsString("media"));
        assertThat(reportsDescribed(description)).isZero();
    }
}
