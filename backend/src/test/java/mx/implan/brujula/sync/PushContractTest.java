package mx.implan.brujula.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import mx.implan.brujula.auth.Roles;
import mx.implan.brujula.testing.Db;
import mx.implan.brujula.testing.Items;
import mx.implan.brujula.testing.TestUsers;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * What the push promises about each item: a reused opId never drops content silently, no value is stored other
 * than it was sent, errors name the field in the caller's language without a library's words, and each item is
 * bounded whatever its fields.
 */
@QuarkusTest
class PushContractTest {

    @Inject
    TestUsers users;
    @Inject
    Db db;

    private String inspector() {
        return users.bearer("insp-contract", Roles.INSPECTOR);
    }

    private ValidatableResponse push(String body) {
        return given().header("Authorization", inspector()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/sync/push").then();
    }

    private static UUID id(ObjectNode item) {
        return UUID.fromString(item.get("id").asText());
    }

    private static void assertNoLeak(String body) {
        assertThat(body).doesNotContain("\"field\":\"$\"").doesNotContain("mx.implan").doesNotContain("java.")
                .doesNotContain("Cannot deserialize").doesNotContain("Exception").doesNotContain("jackson");
    }

    @Test
    void aReusedOpIdWithOtherContentIsRejectedOnTheBatchAndTheItemPath() {
        ObjectNode a = Items.risk(UUID.randomUUID());
        ObjectNode b = Items.risk(UUID.randomUUID());
        push(Items.batch(a, b)).statusCode(200).body("results.status", equalTo(List.of("CREATED", "CREATED")));
        ObjectNode aChanged = a.deepCopy().put("notes", "Otro contenido con el mismo opId");
        ObjectNode bChanged = b.deepCopy().put("notes", "Otro contenido con el mismo opId");
        // Batch path (two new-looking items) and item path (one item) alike.
        push(Items.batch(aChanged, bChanged)).statusCode(200)
                .body("results.status", equalTo(List.of("REJECTED", "REJECTED")))
                .body("results[0].errors[0].code", equalTo("OP_ID_REUSED"))
                .body("results[0].errors[0].field", equalTo("opId"))
                .body("results[0].errors[0].message", containsString("1"))
                .body("results[0].errors[0].message", containsString(a.get("id").asText()));
        given().header("Authorization", inspector()).header("Accept-Language", "en").contentType(ContentType.JSON)
                .body(Items.batch(aChanged)).post("/api/v1/sync/push").then().statusCode(200)
                .body("results[0].status", equalTo("REJECTED"))
                .body("results[0].errors[0].code", equalTo("OP_ID_REUSED"))
                .body("results[0].errors[0].message", containsString("revision 1 of observation " + a.get("id").asText()));
        given().header("Authorization", inspector()).contentType(ContentType.JSON).body(aChanged.toString())
                .post("/api/v1/observations").then().statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("OP_ID_REUSED")).body("errors[0].field", equalTo("opId"));
        assertThat(db.string("SELECT notes FROM observation WHERE id = ?", id(a))).isEqualTo("Socavón junto a la banqueta");
        // The same write again is still a replay, with its original result.
        push(Items.batch(a, b)).statusCode(200).body("results.status", equalTo(List.of("UNCHANGED", "UNCHANGED")))
                .body("results.rev", equalTo(List.of(1, 1)));
        push(Items.batch(a)).statusCode(200).body("results[0].status", equalTo("UNCHANGED"));
    }

    @Test
    void anOpIdAppliedBeforeItsContentWasKeptReplaysAsBefore() {
        ObjectNode a = Items.risk(UUID.randomUUID());
        push(Items.batch(a)).statusCode(200).body("results[0].status", equalTo("CREATED"));
        db.update("UPDATE applied_op SET content_hash = NULL WHERE op_id = ?", UUID.fromString(a.get("opId").asText()));
        push(Items.batch(a.deepCopy().put("notes", "Distinto"))).statusCode(200)
                .body("results[0].status", equalTo("UNCHANGED")).body("results[0].rev", equalTo(1));
    }

    @Test
    void anEditsOpIdReusedWithOtherContentIsRejected() {
        ObjectNode a = Items.risk(UUID.randomUUID());
        push(Items.batch(a)).statusCode(200);
        ObjectNode edit = Items.edit(a, 1).put("notes", "Primera edición");
        push(Items.batch(edit)).statusCode(200).body("results[0].status", equalTo("UPDATED"));
        push(Items.batch(edit.deepCopy().put("notes", "Otra edición"))).statusCode(200)
                .body("results[0].status", equalTo("REJECTED"))
                .body("results[0].errors[0].code", equalTo("OP_ID_REUSED"))
                .body("results[0].errors[0].message", containsString("2"));
        assertThat(db.string("SELECT notes FROM observation WHERE id = ?", id(a))).isEqualTo("Primera edición");
    }

    @Test
    void valuesThatWouldBeStoredOtherwiseAreRejectedPerField() throws Exception {
        ObjectNode year1 = Items.risk(UUID.randomUUID()).put("capturedAt", "0001-01-01T00:00:00Z");
        ObjectNode farPast = Items.risk(UUID.randomUUID()).put("capturedAt", "-999999999-01-01T00:00:00Z");
        ObjectNode altitude = Items.risk(UUID.randomUUID());
        ((com.fasterxml.jackson.databind.node.ArrayNode) altitude.get("geometry").get("coordinates")).add(250);
        ObjectNode crs = Items.risk(UUID.randomUUID());
        ((ObjectNode) crs.get("geometry")).putObject("crs").put("type", "name").putObject("properties").put("name", "EPSG:32612");
        ObjectNode takenAt = Items.risk(UUID.randomUUID());
        takenAt.putArray("photos").addObject().put("sha256", "a".repeat(64)).put("mediaType", "image/jpeg")
                .put("takenAt", "3000-01-01T00:00:00Z");
        ObjectNode digits = Items.risk(UUID.randomUUID()).put("accuracyM", new java.math.BigDecimal("4.5000000000000000000001"));
        ObjectNode clock1970 = Items.risk(UUID.randomUUID()).put("capturedAt", "1970-01-01T00:00:00Z");
        long before = db.writes();
        push(Items.batch(year1, farPast, altitude, crs, takenAt, digits, clock1970)).statusCode(200)
                .body("results.status", equalTo(List.of("REJECTED", "REJECTED", "REJECTED", "REJECTED", "REJECTED", "REJECTED", "CREATED")))
                .body("results[0].errors[0].field", equalTo("capturedAt")).body("results[0].errors[0].code", equalTo("DATE_RANGE"))
                .body("results[1].errors[0].code", equalTo("DATE_RANGE"))
                .body("results[2].errors[0].field", equalTo("geometry.coordinates[2]"))
                .body("results[2].errors[0].code", equalTo("Z_NOT_SUPPORTED"))
                .body("results[3].errors[0].field", equalTo("geometry.crs"))
                .body("results[3].errors[0].code", equalTo("CRS_NOT_SUPPORTED"))
                .body("results[4].errors[0].field", equalTo("photos[0].takenAt"))
                .body("results[5].errors[0].code", equalTo("TOO_PRECISE"))
                .body("results[6].status", equalTo("CREATED"));
        assertThat(db.writes() - before).as("only the 1970 capture was written").isEqualTo(5);
        // A device whose clock went back to 1970: storable, so flagged for review, never rejected.
        ObjectNode resetClock = Items.risk(UUID.randomUUID()).put("capturedAt", "1970-01-01T00:01:00Z");
        ObjectNode body = (ObjectNode) Items.JSON.readTree(Items.batch(resetClock));
        body.put("sentAt", "1970-01-01T00:05:00Z");
        push(body.toString()).statusCode(200).body("results[0].status", equalTo("CREATED"))
                .body("results[0].flags", hasItem("CLOCK_SKEW"));
        Response sentAt = given().header("Authorization", inspector()).contentType(ContentType.JSON)
                .body("{\"deviceId\":\"tab-017\",\"sentAt\":\"0001-01-01T00:00:00Z\",\"items\":[]}").post("/api/v1/sync/push");
        sentAt.then().statusCode(400).body("code", equalTo("INVALID_PUSH"))
                .body("errors[0].field", equalTo("sentAt")).body("errors[0].code", equalTo("DATE_RANGE"));
    }

    @Test
    void itemErrorsNameTheFieldWithoutLibraryMessages() {
        ObjectNode stamped = Items.risk(UUID.randomUUID());
        stamped.putArray("flags").add("NOT_A_FLAG");
        stamped.put("status", "BOGUS");
        stamped.putObject("author").put("name", "mallory");
        stamped.put("areaM2", "mucho");
        stamped.put("rev", new BigInteger("123456789012345678901234567890"));
        ObjectNode hugeBaseRev = Items.risk(UUID.randomUUID()).put("baseRev", new BigInteger("18446744073709551616"));
        ObjectNode hugeBytes = Items.risk(UUID.randomUUID());
        hugeBytes.putArray("photos").addObject().put("sha256", "b".repeat(64)).put("mediaType", "image/jpeg")
                .put("bytes", new BigInteger("1180591620717411303424"));
        ObjectNode severityText = Items.risk(UUID.randomUUID());
        ((ObjectNode) severityText.get("attributes")).put("severity", "4");
        Response r = given().header("Authorization", inspector()).contentType(ContentType.JSON)
                .body(Items.batch(stamped, hugeBaseRev, hugeBytes, severityText)).post("/api/v1/sync/push");
        r.then().statusCode(200)
                .body("results.status", equalTo(List.of("CREATED", "REJECTED", "REJECTED", "REJECTED")))
                .body("results[0].errors", nullValue())
                .body("results[1].errors[0].field", equalTo("baseRev"))
                .body("results[1].errors[0].code", equalTo("INTEGER_TOO_LARGE"))
                .body("results[1].errors[0].message", containsString("demasiado grande"))
                .body("results[2].errors[0].field", equalTo("photos[0].bytes"))
                .body("results[3].errors[0].field", equalTo("attributes.severity"))
                .body("results[3].errors[0].code", equalTo("INVALID_TYPE"));
        assertNoLeak(r.asString());
        assertThat(db.string("SELECT author FROM observation WHERE id = ?", id(stamped))).isEqualTo("insp-contract");
    }

    @Test
    void eachItemIsBoundedWhateverItsFields() {
        ObjectNode bigValue = Items.risk(UUID.randomUUID());
        ((ObjectNode) bigValue.get("attributes")).put("comentario", "x".repeat(9 * 1024 * 1024));
        ObjectNode manyKeys = Items.risk(UUID.randomUUID());
        for (int i = 0; i < 10_000; i++) {
            ((ObjectNode) manyKeys.get("attributes")).put("k" + i, i);
        }
        ObjectNode deep = Items.risk(UUID.randomUUID());
        ObjectNode level = ((ObjectNode) deep.get("attributes")).putObject("anidado");
        for (int i = 0; i < 500; i++) {
            level = level.putObject("n");
        }
        ObjectNode good = Items.risk(UUID.randomUUID());
        long before = db.writes();
        Response r = given().header("Authorization", inspector()).contentType(ContentType.JSON)
                .body(Items.batch(bigValue, manyKeys, deep, good)).post("/api/v1/sync/push");
        r.then().statusCode(200)
                .body("results.status", equalTo(List.of("REJECTED", "REJECTED", "REJECTED", "CREATED")))
                .body("results[0].errors.code", hasItem("TOO_LONG"))
                .body("results[0].errors.code", hasItem("ITEM_TOO_LARGE"))
                .body("results[0].errors.field", hasItem("attributes.comentario"))
                .body("results[1].errors[0].code", equalTo("TOO_MANY_KEYS"))
                .body("results[1].errors[0].field", equalTo("attributes"))
                .body("results[2].errors[0].code", equalTo("TOO_DEEP"))
                .body("results[2].errors", hasSize(1));
        assertThat(r.asString().length()).as("errors stay small").isLessThan(10_000);
        assertThat(db.writes() - before).isEqualTo(5);
    }

    @Test
    void conflictsAreListedAsItemsWithACursor() {
        String bearer = users.bearer("insp-conflict-page", Roles.INSPECTOR);
        for (int i = 0; i < 3; i++) {
            ObjectNode item = Items.risk(UUID.randomUUID());
            given().header("Authorization", bearer).contentType(ContentType.JSON).body(Items.batch(item)).post("/api/v1/sync/push");
            given().header("Authorization", bearer).contentType(ContentType.JSON)
                    .body(Items.batch(Items.edit(item, 1).put("notes", "A"))).post("/api/v1/sync/push");
            given().header("Authorization", bearer).contentType(ContentType.JSON)
                    .body(Items.batch(Items.edit(item, 1).put("notes", "B"))).post("/api/v1/sync/push")
                    .then().body("results[0].status", equalTo("CONFLICT"));
        }
        Response first = given().header("Authorization", bearer).queryParam("limit", 2).get("/api/v1/conflicts");
        first.then().statusCode(200).body("items", hasSize(2)).body("next", notNullValue())
                .body("items[0].fields", hasItem("notes"));
        given().header("Authorization", bearer).queryParam("limit", 2).queryParam("cursor", first.<String>path("next"))
                .get("/api/v1/conflicts").then().statusCode(200).body("items", hasSize(1)).body("next", nullValue());
        given().header("Authorization", bearer).queryParam("cursor", "no-es-un-cursor").get("/api/v1/conflicts")
                .then().statusCode(400).body("errors[0].field", equalTo("cursor"));
    }
    @Test
    void aResolutionTakingTheDevicesGeometryRecomputesTheArea() {
        double[][] small = {{-110.9600, 29.0800}, {-110.9590, 29.0800}, {-110.9590, 29.0809}, {-110.9600, 29.0809}, {-110.9600, 29.0800}};
        double[][] twice = {{-110.9600, 29.0800}, {-110.9580, 29.0800}, {-110.9580, 29.0809}, {-110.9600, 29.0809}, {-110.9600, 29.0800}};
        ObjectNode area = Items.greenArea(UUID.randomUUID(), small);
        push(Items.batch(area)).statusCode(200);
        push(Items.batch(Items.edit(area, 1).put("notes", "Servidor"))).statusCode(200);
        ObjectNode mine = Items.edit(Items.greenArea(id(area), twice), 1).put("notes", "Dispositivo");
        push(Items.batch(mine)).statusCode(200).body("results[0].status", equalTo("CONFLICT"));
        String conflict = db.string("SELECT id::text FROM sync_conflict WHERE observation_id = ? AND resolved_at IS NULL", id(area));
        given().header("Authorization", users.bearer("sup-contract", Roles.SUPERVISOR)).contentType(ContentType.JSON)
                .body("{\"resolution\":\"TAKE_MINE\"}").post("/api/v1/conflicts/" + conflict + "/resolution")
                .then().statusCode(200).body("notes", equalTo("Dispositivo"));
        double stored = Double.parseDouble(db.string("SELECT area_m2 FROM observation WHERE id = ?", id(area)));
        double geodesic = Double.parseDouble(db.string("SELECT ST_Area(geom::geography) FROM observation WHERE id = ?", id(area)));
        assertThat(stored).isBetween(18_000.0, 22_000.0).isCloseTo(geodesic, org.assertj.core.data.Offset.offset(1.0));
    }
}
