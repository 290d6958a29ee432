package mx.implan.brujula.sync;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;
import mx.implan.brujula.auth.Roles;
import mx.implan.brujula.testing.Items;
import mx.implan.brujula.testing.Db;
import mx.implan.brujula.testing.TestUsers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * Every class of bad input gets the right 4xx as application/problem+json with a stable code (and
 * the field at fault), and writes nothing: row counts of every table a write touches stay equal.
 */
@QuarkusTest
class BadInputTest {

    @Inject
    TestUsers users;
    @Inject
    Db db;

    record Case(String name, Function<Context, Response> call, int status, String code, String field) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** What a case needs at run time: tokens. */
    record Context(String inspector, String supervisor, String citizen) {
        RequestSpecification as(String bearer) {
            return given().header("Authorization", bearer);
        }
    }

    static Case push(String name, String body, int status, String code, String field) {
        return new Case(name, c -> c.as(c.inspector()).contentType("application/json").body(body).post("/api/v1/sync/push"), status, code, field);
    }

    static Case single(String name, Function<ObjectNode, ObjectNode> breakIt, String code, String field) {
        return new Case(name, c -> c.as(c.inspector()).contentType("application/json")
                .body(breakIt.apply(Items.risk(UUID.randomUUID())).toString()).post("/api/v1/observations"), 422, code, field);
    }

    static Case query(String name, String params, String code, String field) {
        return new Case(name, c -> c.as(c.supervisor()).get("/api/v1/observations?" + params), 400, code, field);
    }

    static ObjectNode polygon(ObjectNode item, double[][] ring) {
        ObjectNode geometry = Items.JSON.createObjectNode();
        geometry.put("type", "Polygon");
        ArrayNode outer = geometry.putArray("coordinates").addArray();
        for (double[] p : ring) {
            outer.addArray().add(p[0]).add(p[1]);
        }
        item.set("geometry", geometry);
        return item;
    }

    static ObjectNode geometry(ObjectNode item, String geoJson) {
        try {
            item.set("geometry", Items.JSON.readTree(geoJson));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
        return item;
    }

    static ObjectNode line(ObjectNode item, int vertices) {
        ObjectNode geometry = Items.JSON.createObjectNode();
        geometry.put("type", "LineString");
        ArrayNode coordinates = geometry.putArray("coordinates");
        for (int i = 0; i < vertices; i++) {
            coordinates.addArray().add(-110.99 + i * 0.00001).add(29.07 + (i % 2) * 0.00001);
        }
        item.set("geometry", geometry);
        return item;
    }

    static String oversizedBatch() {
        StringBuilder notes = new StringBuilder();
        notes.append("x".repeat(3_900));
        List<ObjectNode> items = new ArrayList<>();
        for (int i = 0; i < 2_800; i++) {
            ObjectNode item = Items.risk(UUID.randomUUID());
            item.put("notes", notes.toString());
            items.add(item);
        }
        return Items.batch(items);
    }

    static Stream<Arguments> cases() {
        List<Case> cases = List.of(
                push("malformed JSON", "{\"deviceId\": \"tab\", \"items\": [", 400, "MALFORMED_JSON", null),
                push("body is an array", "[1, 2, 3]", 400, "INVALID_PUSH", null),
                push("items missing", "{\"deviceId\":\"tab-1\",\"sentAt\":\"2026-11-25T10:00:00Z\"}", 400, "INVALID_PUSH", "items"),
                push("items not an array", "{\"deviceId\":\"tab-1\",\"sentAt\":\"2026-11-25T10:00:00Z\",\"items\":5}", 400, "INVALID_PUSH", "items"),
                push("deviceId missing", "{\"sentAt\":\"2026-11-25T10:00:00Z\",\"items\":[]}", 400, "INVALID_PUSH", "deviceId"),
                push("sentAt not a date-time", "{\"deviceId\":\"tab-1\",\"sentAt\":\"ayer\",\"items\":[]}", 400, "INVALID_PUSH", "sentAt"),
                push("body over maxBytes", oversizedBatch(), 413, "PAYLOAD_TOO_LARGE", null),
                push("items over maxItems", "{\"deviceId\":\"tab-1\",\"sentAt\":\"2026-11-25T10:00:00Z\",\"items\":["
                        + String.join(",", java.util.Collections.nCopies(501, "{}")) + "]}", 413, "PAYLOAD_TOO_LARGE", null),
                new Case("text/plain push", c -> c.as(c.inspector()).contentType("text/plain").body("hola").post("/api/v1/sync/push"),
                        415, "UNSUPPORTED_MEDIA_TYPE", null),
                new Case("NaN literal", c -> c.as(c.inspector()).contentType("application/json")
                        .body(Items.risk(UUID.randomUUID()).put("accuracyM", 1.5).toString().replace("1.5", "NaN")).post("/api/v1/observations"),
                        422, "NOT_FINITE", "accuracyM"),
                single("latitude 95", i -> { i.set("geometry", Items.point(-110.96, 95)); return i; }, "LAT_RANGE", "geometry.coordinates[1]"),
                single("longitude -200", i -> { i.set("geometry", Items.point(-200, 29.07)); return i; }, "LON_RANGE", "geometry.coordinates[0]"),
                single("NaN as a string", i -> { i.put("accuracyM", "NaN"); return i; }, null, "accuracyM"),
                single("open ring", i -> polygon(i, new double[][]{{-110.96, 29.07}, {-110.95, 29.07}, {-110.95, 29.08}, {-110.96, 29.08}}), "RING_NOT_CLOSED", null),
                single("self-intersecting polygon", i -> polygon(i, new double[][]{{-110.96, 29.07}, {-110.95, 29.08}, {-110.95, 29.07}, {-110.96, 29.08}, {-110.96, 29.07}}), "SELF_INTERSECTION", null),
                single("5,001 vertices", i -> line(i, 5_001), "TOO_MANY_VERTICES", null),
                single("unknown kind", i -> { i.put("kind", "VOLCAN"); return i; }, "INVALID_ENUM", "kind"),
                single("unknown hazard", i -> { ((ObjectNode) i.get("attributes")).put("hazard", "METEORITO"); return i; }, "INVALID_ENUM", "attributes.hazard"),
                single("severity 9", i -> { ((ObjectNode) i.get("attributes")).put("severity", 9); return i; }, "SEVERITY_RANGE", "attributes.severity"),
                single("accuracy as text", i -> { i.put("accuracyM", "abc"); return i; }, "INVALID_TYPE", "accuracyM"),
                single("id not a UUID", i -> { i.put("id", "obs-1"); return i; }, "INVALID_UUID", "id"),
                single("capturedAt garbage", i -> { i.put("capturedAt", "25/11/2026"); return i; }, "INVALID_DATETIME", "capturedAt"),
                single("notes of 4,001 characters", i -> { i.put("notes", "a".repeat(4_001)); return i; }, "TOO_LONG", "notes"),
                single("21 photos", i -> {
                    ArrayNode photos = i.putArray("photos");
                    for (int p = 0; p < 21; p++) {
                        photos.addObject().put("sha256", String.format("%064x", p)).put("mediaType", "image/jpeg").put("bytes", 1000);
                    }
                    return i;
                }, "TOO_MANY_PHOTOS", "photos"),
                single("bad sha256", i -> {
                    i.putArray("photos").addObject().put("sha256", "../../etc/passwd").put("mediaType", "image/jpeg").put("bytes", 10);
                    return i;
                }, "SHA256_FORMAT", "photos[0].sha256"),
                single("MultiPoint geometry", i -> {
                    ObjectNode g = Items.JSON.createObjectNode();
                    g.put("type", "MultiPoint");
                    g.putArray("coordinates").addArray().add(-110.96).add(29.07);
                    i.set("geometry", g);
                    return i;
                }, "GEOMETRY_TYPE", null),
                single("NUL character in notes", i -> { i.put("notes", "hoyo\u0000"); return i; }, "INVALID_CHARACTER", "notes"),
                push("NUL character in deviceId", "{\"deviceId\":\"tab\\u0000\",\"sentAt\":\"2026-11-25T10:00:00Z\",\"items\":[]}", 400, "INVALID_PUSH", "deviceId"),
                single("geometry missing", i -> { i.remove("geometry"); return i; }, "REQUIRED", "geometry"),
                single("progress 101 %", i -> Items.worksProgress(UUID.randomUUID(), UUID.randomUUID(), 101), "PERCENT_RANGE", "attributes.progressPercent"),
                query("SQL in kind", "kind=RISK'%20OR%20'1'='1", "INVALID_PARAMETER", "kind"),
                query("inverted bbox", "bbox=-110.9,29.2,-111.1,29.0", "INVALID_PARAMETER", "bbox"),
                query("bbox with letters", "bbox=a,b,c,d", "INVALID_PARAMETER", "bbox"),
                query("from not a date", "from=ayer", "INVALID_PARAMETER", "from"),
                query("limit zero", "limit=0", "INVALID_PARAMETER", "limit"),
                query("garbage cursor", "cursor=%27%3B%20DROP%20TABLE%20observation%3B--", "INVALID_PARAMETER", "cursor"),
                new Case("non-UUID id in path", c -> c.as(c.supervisor()).get("/api/v1/observations/1%20OR%201=1"), 400, "INVALID_PARAMETER", "id"),
                new Case("NUL in a username", c -> given().contentType("application/json")
                        .body("{\"username\":\"insp\\u0000ector\",\"password\":\"x\"}").post("/api/v1/auth/token"), 400, "INVALID_VALUE", null),
                new Case("NUL in a path segment", c -> c.as(c.supervisor()).urlEncodingEnabled(false).get("/api/v1/zones/26030%00"),
                        400, "INVALID_CHARACTER", null),
                new Case("NUL in a query parameter", c -> c.as(c.supervisor()).urlEncodingEnabled(false).get("/api/v1/works?programme=FISM%00"),
                        400, "INVALID_CHARACTER", null),
                new Case("missing token", c -> given().get("/api/v1/observations"), 401, "UNAUTHENTICATED", null),
                new Case("garbage token", c -> c.as("Bearer abc.def.ghi").get("/api/v1/observations"), 401, "UNAUTHENTICATED", null),
                new Case("forged token", c -> c.as("Bearer " + forgedToken()).get("/api/v1/observations"), 401, "UNAUTHENTICATED", null),
                new Case("citizen triaging", c -> c.as(c.citizen()).contentType("application/json").body("{\"status\":\"VERIFIED\"}")
                        .patch("/api/v1/observations/" + UUID.randomUUID()), 403, "FORBIDDEN", null),
                new Case("unknown status", c -> c.as(c.supervisor()).contentType("application/json").body("{\"status\":\"ARREGLADO\"}")
                        .patch("/api/v1/observations/" + UUID.randomUUID()), 400, "INVALID_PARAMETER", "status"),
                new Case("status with surrounding spaces", c -> c.as(c.supervisor()).contentType("application/json")
                        .body("{\"status\":\" VERIFIED \"}").patch("/api/v1/observations/" + UUID.randomUUID()),
                        400, "INVALID_PARAMETER", "status"),
                push("sentAt in year 1", "{\"deviceId\":\"tab-1\",\"sentAt\":\"0001-01-01T00:00:00Z\",\"items\":[]}",
                        400, "INVALID_PUSH", "sentAt"),
                single("altitude", i -> { ((ArrayNode) i.get("geometry").get("coordinates")).add(300); return i; },
                        "Z_NOT_SUPPORTED", "geometry.coordinates[2]"),
                single("line across 180 degrees of longitude", i -> geometry(i, "{\"type\":\"LineString\",\"coordinates\":[[0,0],[180,0]]}"),
                        "LON_SPAN", "geometry.coordinates"),
                new Case("app too old", c -> c.as(c.inspector()).header("X-Brujula-Client", "mobile-app/0.0.1").get("/api/v1/observations"),
                        426, "CLIENT_TOO_OLD", null),
                new Case("unknown path", c -> c.as(c.inspector()).get("/api/v1/nada"), 404, "NOT_FOUND", null));
        return cases.stream().map(Arguments::of);
    }

    static String forgedToken() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return Jwt.upn("admin").groups(java.util.Set.of(Roles.ADMIN)).issuer("https://brujula.implan.mx")
                    .expiresIn(600).jws().keyId("forged").sign(generator.generateKeyPair().getPrivate());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badInputGetsAProblemAndWritesNothing(Case c) {
        Context ctx = new Context(users.bearer("insp-bad", Roles.INSPECTOR), users.bearer("sup-bad", Roles.SUPERVISOR),
                users.bearer("cit-bad", Roles.CITIZEN));
        long before = db.writes();
        Response response = c.call().apply(ctx);
        response.then().statusCode(c.status()).contentType("application/problem+json")
                .body("status", equalTo(c.status()));
        if (c.status() == 422) {
            response.then().body("code", equalTo("VALIDATION_FAILED"));
            if (c.code() != null) {
                response.then().body("errors.code", hasItem(c.code()));
            }
        } else if (c.code() != null) {
            response.then().body("code", equalTo(c.code()));
        }
        if (c.field() != null) {
            response.then().body("errors.field", hasItem(c.field()));
        }
        assertThat(response.asString()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(db.writes()).as("rows written by a rejected request").isEqualTo(before);
    }

    @Test
    void exactlyFiveThousandVerticesIsAccepted() {
        ObjectNode item = line(Items.urbanImage(UUID.randomUUID(), -110.96, 29.07, "BANQUETA"), 5_000);
        given().header("Authorization", users.bearer("insp-bad", Roles.INSPECTOR)).contentType("application/json")
                .body(item.toString()).post("/api/v1/observations").then().statusCode(201).body("status", equalTo("CREATED"));
    }

    @Test
    void sqlMetacharactersInTextAreStoredVerbatim() {
        ObjectNode item = Items.risk(UUID.randomUUID());
        String hostile = "'); DROP TABLE observation; -- \" \\ %_";
        item.put("notes", hostile);
        given().header("Authorization", users.bearer("insp-bad", Roles.INSPECTOR)).contentType("application/json")
                .body(item.toString()).post("/api/v1/observations").then().statusCode(201);
        assertThat(db.string("SELECT notes FROM observation WHERE id = ?", UUID.fromString(item.get("id").asText()))).isEqualTo(hostile);
    }

    @Test
    void aValueThePostgresCannotStoreRejectsOnlyItsItem() {
        ObjectNode farFuture = Items.risk(UUID.randomUUID());
        farFuture.put("capturedAt", "+300000-01-01T00:00:00Z");
        ObjectNode good = Items.risk(UUID.randomUUID());
        given().header("Authorization", users.bearer("insp-bad", Roles.INSPECTOR)).contentType("application/json")
                .body(Items.batch(farFuture, good)).post("/api/v1/sync/push").then().statusCode(200)
                .body("results.status", equalTo(List.of("REJECTED", "CREATED")))
                // Refused by validation now, with the field and the accepted years, before PostgreSQL sees it.
                .body("results[0].errors.code", hasItem("DATE_RANGE"))
                .body("results[0].errors.field", hasItem("capturedAt"));
        assertThat(db.count("SELECT count(*) FROM observation WHERE id = ?", UUID.fromString(farFuture.get("id").asText()))).isZero();
    }

    @Test
    void pushedInvalidItemsAreRejectedWithTheSameCodes() {
        ObjectNode lat = Items.risk(UUID.randomUUID(), -110.96, 95);
        ObjectNode lon = Items.risk(UUID.randomUUID(), -200, 29.07);
        ObjectNode kind = Items.risk(UUID.randomUUID());
        kind.put("kind", "VOLCAN");
        long before = db.writes();
        given().header("Authorization", users.bearer("insp-bad", Roles.INSPECTOR)).contentType("application/json")
                .body(Items.batch(lat, lon, kind)).post("/api/v1/sync/push").then().statusCode(200)
                .body("results.status", equalTo(List.of("REJECTED", "REJECTED", "REJECTED")))
                .body("results[0].errors.code", hasItem("LAT_RANGE"))
                .body("results[1].errors.code", hasItem("LON_RANGE"))
                .body("results[2].errors.field", hasItem("kind"));
        assertThat(db.writes()).isEqualTo(before);
    }
}
