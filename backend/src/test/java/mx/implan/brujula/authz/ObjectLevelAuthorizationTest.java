package mx.implan.brujula.authz;

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
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Object-level checks behind the "own" cells of the authorization table (docs/authorization.md): ids guessed or
 * learnt elsewhere give nothing away, writes to someone else's observation change nothing, and
 * photos follow the observations that reference them.
 */
@QuarkusTest
class ObjectLevelAuthorizationTest {

    @Inject
    TestUsers users;
    @Inject
    Db db;

    private static double[] somewhere() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return new double[]{-110.99 + r.nextDouble() * 0.08, 29.04 + r.nextDouble() * 0.08};
    }

    private static String open311(String bearer, String email, String phone, String name) {
        double[] p = somewhere();
        var spec = given().contentType("application/x-www-form-urlencoded; charset=UTF-8");
        if (bearer != null) {
            spec.header("Authorization", bearer);
        }
        return spec.formParam("service_code", "RISK_FUGA").formParam("lat", Double.toString(p[1]))
                .formParam("long", Double.toString(p[0])).formParam("description", "Fuga de agua en la esquina")
                .formParam("email", email).formParam("phone", phone).formParam("first_name", name)
                .formParam("last_name", "Apellidoprivado")
                .post("/open311/v2/requests.json").then().statusCode(201).extract().path("[0].service_request_id");
    }

    private static ObjectNode observe(String bearer, String... photos) {
        double[] p = somewhere();
        ObjectNode item = Items.risk(UUID.randomUUID(), p[0], p[1]);
        item.put("notes", "Nota original");
        var list = item.putArray("photos");
        for (String sha : photos) {
            list.addObject().put("sha256", sha).put("mediaType", "image/jpeg").put("bytes", 1000);
        }
        given().header("Authorization", bearer).contentType(ContentType.JSON).body(Items.batch(item))
                .post("/api/v1/sync/push").then().statusCode(200).body("results[0].status", equalTo("CREATED"));
        return item;
    }

    private static Response photo(String bearer, String sha, String variant) {
        return given().header("Authorization", bearer).queryParam("variant", variant).get("/api/v1/attachments/" + sha);
    }

    @Test
    void aCitizenCannotReadAnotherCitizensReportOrItsPersonalDataByGuessingIds() {
        String a = users.bearer("obj-ciudadana-a", Roles.CITIZEN);
        String b = users.bearer("obj-ciudadano-b", Roles.CITIZEN);
        String bReport = open311(b, "bernardo.privado@example.mx", "6621234567", "Bernardo");
        ObjectNode bObservation = observe(b);
        String bId = bObservation.get("id").asText();
        String aReport = open311(a, "ana.a@example.mx", "6627654321", "Ana");

        String unknown = UUID.randomUUID().toString();
        String unknownCode = given().header("Authorization", a).get("/api/v1/observations/" + unknown)
                .then().statusCode(404).extract().path("code");
        for (String id : List.of(bReport, bId)) {
            // Someone else's id answers exactly like an id that does not exist: no existence oracle.
            Response r = given().header("Authorization", a).get("/api/v1/observations/" + id);
            r.then().statusCode(404).body("code", equalTo(unknownCode));
            assertThat(r.asString()).doesNotContain("bernardo").doesNotContain("6621234567").doesNotContain("Nota original");
            given().header("Authorization", a).get("/api/v1/citizen-contacts/" + id).then().statusCode(403);
            given().header("Authorization", a).contentType(ContentType.JSON).body("{\"phone\": \"6620000000\"}")
                    .patch("/api/v1/citizen-contacts/" + id).then().statusCode(403);
        }
        given().header("Authorization", a).queryParam("email", "bernardo.privado@example.mx").get("/api/v1/citizen-contacts")
                .then().statusCode(403);
        // Open311 shows the report itself (public by the spec), never who filed it.
        String public311 = given().header("Authorization", a).get("/open311/v2/requests/" + bReport + ".json")
                .then().statusCode(200).extract().asString();
        String public311Xml = given().get("/open311/v2/requests/" + bReport + ".xml").then().statusCode(200).extract().asString();
        for (String body : List.of(public311, public311Xml)) {
            assertThat(body).doesNotContain("bernardo").doesNotContain("6621234567").doesNotContain("Apellidoprivado")
                    .doesNotContain("obj-ciudadano-b");
        }
        String list311 = given().queryParam("service_code", "RISK_FUGA").get("/open311/v2/requests.json").then().statusCode(200)
                .extract().asString();
        assertThat(list311).contains(bReport).doesNotContain("bernardo.privado").doesNotContain("6621234567");
        // An observation that is not a citizen report is not published through Open311.
        given().get("/open311/v2/requests/" + bId + ".json").then().statusCode(404);
        // "mine" is mine, also when asked for B's id.
        assertThat(given().header("Authorization", a).queryParam("mine", "true").get("/open311/v2/requests.json")
                .then().statusCode(200).extract().asString()).contains(aReport).doesNotContain(bReport);
        given().header("Authorization", a).queryParam("mine", "true").queryParam("service_request_id", bReport)
                .get("/open311/v2/requests.json").then().statusCode(200).body("size()", equalTo(0));
        // Nor do lists or sync hand B's observations to A.
        String listed = given().header("Authorization", a).queryParam("limit", 500).get("/api/v1/observations")
                .then().statusCode(200).extract().asString();
        assertThat(listed).doesNotContain(bId).doesNotContain(bReport);
        String pulled = given().header("Authorization", a).queryParam("limit", 1000).get("/api/v1/sync/pull")
                .then().statusCode(200).extract().asString();
        assertThat(pulled).doesNotContain(bId).doesNotContain(bReport);
        // A still reads A's own.
        given().header("Authorization", a).get("/api/v1/observations/" + aReport).then().statusCode(200);
        // Staff see B's contact data.
        given().header("Authorization", users.bearer("obj-supervisora", Roles.SUPERVISOR)).get("/api/v1/citizen-contacts/" + bReport)
                .then().statusCode(200).body("email", equalTo("bernardo.privado@example.mx"));
    }

    @Test
    void anInspectorCannotEditAnotherInspectorsObservation() {
        String owner = users.bearer("obj-inspector-duenio", Roles.INSPECTOR);
        String intruder = users.bearer("obj-inspector-intruso", Roles.INSPECTOR);
        ObjectNode item = observe(owner);
        String id = item.get("id").asText();

        ObjectNode edit = Items.edit(item, 1);
        edit.put("notes", "Cambiada por otro");
        given().header("Authorization", intruder).contentType(ContentType.JSON).body(Items.batch(edit))
                .post("/api/v1/sync/push").then().statusCode(200).body("results[0].status", equalTo("REJECTED"))
                .body("results[0].server", org.hamcrest.Matchers.nullValue());
        ObjectNode single = Items.edit(item, 1);
        single.put("notes", "Cambiada por otro");
        given().header("Authorization", intruder).contentType(ContentType.JSON).body(single.toString())
                .post("/api/v1/observations").then().statusCode(403);
        given().header("Authorization", intruder).contentType(ContentType.JSON).body("{\"status\": \"DISMISSED\"}")
                .patch("/api/v1/observations/" + id).then().statusCode(403);
        // A stale edit that would open a conflict for the owner: not from someone else either.
        ObjectNode stale = Items.edit(item, 0);
        stale.put("notes", "Otra vez");
        given().header("Authorization", intruder).contentType(ContentType.JSON).body(Items.batch(stale))
                .post("/api/v1/sync/push").then().statusCode(200).body("results[0].status", equalTo("REJECTED"));
        assertThat(db.string("SELECT notes FROM observation WHERE id = ?::uuid", id)).isEqualTo("Nota original");
        assertThat(db.count("SELECT rev FROM observation WHERE id = ?::uuid", id)).isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM sync_conflict WHERE observation_id = ?::uuid", id)).isZero();

        // The owner's conflict cannot be resolved by another inspector.
        ObjectNode first = Items.edit(item, 1);
        first.put("notes", "Primera");
        given().header("Authorization", owner).contentType(ContentType.JSON).body(Items.batch(first)).post("/api/v1/sync/push")
                .then().body("results[0].status", equalTo("UPDATED"));
        ObjectNode second = Items.edit(item, 1);
        second.put("notes", "Segunda");
        given().header("Authorization", owner).contentType(ContentType.JSON).body(Items.batch(second)).post("/api/v1/sync/push")
                .then().body("results[0].status", equalTo("CONFLICT"));
        String conflict = db.string("SELECT id::text FROM sync_conflict WHERE observation_id = ?::uuid AND resolved_at IS NULL", id);
        assertThat(given().header("Authorization", intruder).queryParam("limit", 1000).get("/api/v1/conflicts")
                .then().statusCode(200).extract().asString()).doesNotContain(conflict);
        int status = given().header("Authorization", intruder).contentType(ContentType.JSON).body("{\"resolution\":\"TAKE_MINE\"}")
                .post("/api/v1/conflicts/" + conflict + "/resolution").then().extract().statusCode();
        assertThat(status).isIn(403, 404);
        assertThat(db.count("SELECT count(*) FROM sync_conflict WHERE id = ?::uuid AND resolved_at IS NULL", conflict)).isEqualTo(1);
        assertThat(db.string("SELECT notes FROM observation WHERE id = ?::uuid", id)).isEqualTo("Primera");
    }

    @Test
    void photosFollowTheObservationsThatReferenceThem() {
        String citizen = users.bearer("obj-ciudadana-foto", Roles.CITIZEN);
        String inspector = users.bearer("obj-inspector-foto", Roles.INSPECTOR);
        byte[] jpeg = Photos.jpegWithExif(320 + ThreadLocalRandom.current().nextInt(200), 240, 1);
        String sha = Photos.sha256(jpeg);
        // Both took part: the citizen uploaded the photo, the inspector attached the same bytes to an inspection.
        given().header("Authorization", citizen).contentType("image/jpeg").body(jpeg).put("/api/v1/attachments/" + sha)
                .then().statusCode(201);
        given().header("Authorization", inspector).contentType("image/jpeg").body(jpeg).put("/api/v1/attachments/" + sha)
                .then().statusCode(200);
        ObjectNode citizens = observe(citizen, sha);
        observe(inspector, sha);

        for (String variant : List.of("original", "public", "thumb")) {
            photo(citizen, sha, variant).then().statusCode(200);
            photo(inspector, sha, variant).then().statusCode(200);
            photo(users.bearer("obj-supervisor-foto", Roles.SUPERVISOR), sha, variant).then().statusCode(200);
            for (String third : List.of(users.bearer("obj-ciudadano-tercero", Roles.CITIZEN),
                    users.bearer("obj-inspector-tercero", Roles.INSPECTOR))) {
                photo(third, sha, variant).then().statusCode(404).body("code", equalTo("ATTACHMENT_NOT_FOUND"));
            }
        }
        assertThat(Photos.hasExifGps(photo(citizen, sha, "original").asByteArray())).isTrue();

        // A hash is not a key: a citizen who never sent its bytes may not even cite it (as with Open311's media_url).
        ObjectNode guessed = Items.risk(UUID.randomUUID(), somewhere()[0], somewhere()[1]);
        guessed.putArray("photos").addObject().put("sha256", sha).put("mediaType", "image/jpeg").put("bytes", jpeg.length);
        given().header("Authorization", users.bearer("obj-ciudadano-curioso", Roles.CITIZEN)).contentType(ContentType.JSON)
                .body(Items.batch(guessed)).post("/api/v1/sync/push").then().statusCode(200)
                .body("results[0].status", equalTo("REJECTED")).body("results[0].errors[0].code", equalTo("PHOTO_NOT_YOURS"));
        // Staff may cite it, but referencing it without ever having sent its bytes opens nothing.
        String curious = users.bearer("obj-inspector-curioso", Roles.INSPECTOR);
        // The push tells them to send the bytes (stored, but not from them); it is not flagged incomplete.
        given().header("Authorization", curious).contentType(ContentType.JSON).body(Items.batch(guessed))
                .post("/api/v1/sync/push").then().statusCode(200).body("results[0].status", equalTo("CREATED"))
                .body("results[0].missingPhotos", org.hamcrest.Matchers.contains(sha))
                .body("results[0].flags", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("INCOMPLETE")));
        for (String variant : List.of("original", "public", "thumb")) {
            photo(curious, sha, variant).then().statusCode(404);
        }
        // Claiming the bytes with a wrong body does not help either.
        given().header("Authorization", curious).contentType("image/jpeg").body(new byte[]{1, 2, 3})
                .put("/api/v1/attachments/" + sha).then().statusCode(422).body("code", equalTo("HASH_MISMATCH"));
        photo(curious, sha, "original").then().statusCode(404);

        // When the citizen's observation no longer references it, the citizen no longer reads it; the inspector still does.
        ObjectNode dropped = Items.edit(citizens, 1);
        dropped.putArray("photos");
        given().header("Authorization", citizen).contentType(ContentType.JSON).body(Items.batch(dropped))
                .post("/api/v1/sync/push").then().body("results[0].status", equalTo("UPDATED"));
        photo(citizen, sha, "original").then().statusCode(404);
        photo(inspector, sha, "original").then().statusCode(200);
    }

    @Test
    void anUploadAnswersForTheBytesItWasSent() {
        // The idempotent 200 is for the same bytes: a body that does not hash to an already stored key is refused.
        String inspector = users.bearer("obj-inspector-repetido", Roles.INSPECTOR);
        byte[] jpeg = Photos.jpeg(61, 47);
        String sha = Photos.sha256(jpeg);
        given().header("Authorization", inspector).contentType("image/jpeg").body(jpeg).put("/api/v1/attachments/" + sha)
                .then().statusCode(anyOf(200, 201));
        given().header("Authorization", inspector).contentType("image/jpeg").body(jpeg).put("/api/v1/attachments/" + sha)
                .then().statusCode(200);
        given().header("Authorization", inspector).contentType("image/jpeg").body(Photos.jpeg(62, 47))
                .put("/api/v1/attachments/" + sha).then().statusCode(422).body("code", equalTo("HASH_MISMATCH"));
        assertThat(db.count("SELECT count(*) FROM attachment WHERE sha256 = ?", sha)).isEqualTo(1);
        given().header("Authorization", inspector).contentType(ContentType.JSON).body(Map.of("hashes", List.of(sha)))
                .post("/api/v1/attachments/missing").then().statusCode(200).body("missing.size()", equalTo(0));
    }

    private static org.hamcrest.Matcher<Integer> anyOf(int a, int b) {
        return org.hamcrest.Matchers.anyOf(equalTo(a), equalTo(b));
    }
}
