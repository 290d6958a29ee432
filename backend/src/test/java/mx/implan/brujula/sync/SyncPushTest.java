package mx.implan.brujula.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import mx.implan.brujula.auth.Roles;
import mx.implan.brujula.testing.Items;
import mx.implan.brujula.testing.Db;
import mx.implan.brujula.testing.TestUsers;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class SyncPushTest {

    @Inject
    TestUsers users;
    @Inject
    Db db;

    private ValidatableResponse push(String bearer, String body) {
        return given().header("Authorization", bearer).contentType(ContentType.JSON).body(body)
                .post("/api/v1/sync/push").then();
    }

    private String inspector() {
        return users.bearer("insp-push-a", Roles.INSPECTOR);
    }

    @Test
    void replayedBatchCreatesNoDuplicates() {
        List<ObjectNode> items = List.of(Items.risk(UUID.randomUUID()), Items.risk(UUID.randomUUID()), Items.risk(UUID.randomUUID()));
        String batch = Items.batch(items);
        push(inspector(), batch).statusCode(200).body("results.status", equalTo(List.of("CREATED", "CREATED", "CREATED")));
        for (int replay = 0; replay < 2; replay++) {
            push(inspector(), batch).statusCode(200)
                    .body("results.status", equalTo(List.of("UNCHANGED", "UNCHANGED", "UNCHANGED")))
                    .body("results.rev", equalTo(List.of(1, 1, 1)));
        }
        for (ObjectNode item : items) {
            UUID id = UUID.fromString(item.get("id").asText());
            assertThat(db.count("SELECT count(*) FROM observation WHERE id = ?", id)).isEqualTo(1);
            assertThat(db.count("SELECT count(*) FROM observation_revision WHERE observation_id = ?", id)).isEqualTo(1);
            assertThat(db.count("SELECT count(*) FROM outbox WHERE aggregate_id = ?", id.toString())).isEqualTo(1);
        }
    }

    @Test
    void replayAfterLostResponseReturnsTheOriginalRevision() {
        ObjectNode item = Items.risk(UUID.randomUUID());
        push(inspector(), Items.batch(item)).statusCode(200);
        ObjectNode edit = Items.edit(item, 1);
        edit.put("notes", "El socavón creció");
        // Committed on the server, but the device never saw the answer: it sends the same write again.
        push(inspector(), Items.batch(edit)).statusCode(200).body("results[0].status", equalTo("UPDATED")).body("results[0].rev", equalTo(2));
        push(inspector(), Items.batch(edit)).statusCode(200)
                .body("results[0].status", equalTo("UNCHANGED"))
                .body("results[0].rev", equalTo(2));
        assertThat(db.count("SELECT count(*) FROM observation_revision WHERE observation_id = ?", UUID.fromString(item.get("id").asText()))).isEqualTo(2);
    }

    @Test
    void currentBaseRevIsUpdated() {
        ObjectNode item = Items.risk(UUID.randomUUID());
        push(inspector(), Items.batch(item)).statusCode(200);
        ObjectNode edit = Items.edit(item, 1);
        ((ObjectNode) edit.get("attributes")).put("severity", 5);
        push(inspector(), Items.batch(edit)).statusCode(200)
                .body("results[0].status", equalTo("UPDATED"))
                .body("results[0].rev", equalTo(2))
                .body("results[0].server", nullValue());
        assertThat(db.string("SELECT attributes->>'severity' FROM observation WHERE id = ?", UUID.fromString(item.get("id").asText()))).isEqualTo("5");
    }

    @Test
    void staleBaseRevTouchingOtherFieldsIsMerged() {
        ObjectNode item = Items.risk(UUID.randomUUID());
        push(inspector(), Items.batch(item)).statusCode(200);
        ObjectNode first = Items.edit(item, 1);
        first.put("notes", "Nota desde la tableta 1");
        push(inspector(), Items.batch(first)).statusCode(200).body("results[0].rev", equalTo(2));
        ObjectNode second = Items.edit(item, 1);
        ((ObjectNode) second.get("attributes")).put("peopleExposed", 80);
        push(inspector(), Items.batch(second)).statusCode(200)
                .body("results[0].status", equalTo("UPDATED"))
                .body("results[0].rev", equalTo(3))
                .body("results[0].server.notes", equalTo("Nota desde la tableta 1"))
                .body("results[0].server.attributes.peopleExposed", equalTo(80));
    }

    @Test
    void staleBaseRevTouchingTheSameFieldConflictsAndOverwritesNothing() {
        ObjectNode item = Items.risk(UUID.randomUUID());
        UUID id = UUID.fromString(item.get("id").asText());
        push(inspector(), Items.batch(item)).statusCode(200);
        ObjectNode first = Items.edit(item, 1);
        first.put("notes", "Versión A");
        push(inspector(), Items.batch(first)).statusCode(200);
        ObjectNode second = Items.edit(item, 1);
        second.put("notes", "Versión B");
        push(inspector(), Items.batch(second)).statusCode(200)
                .body("results[0].status", equalTo("CONFLICT"))
                .body("results[0].rev", equalTo(2))
                .body("results[0].server.notes", equalTo("Versión A"));
        assertThat(db.string("SELECT notes FROM observation WHERE id = ?", id)).isEqualTo("Versión A");
        assertThat(db.count("SELECT count(*) FROM sync_conflict WHERE observation_id = ? AND resolved_at IS NULL", id)).isEqualTo(1);
        given().header("Authorization", inspector()).get("/api/v1/conflicts").then().statusCode(200)
                .body("items.observationId", hasItem(id.toString()));
        // Keeping mine: push on top of the server's revision closes the conflict.
        ObjectNode keepMine = Items.edit(second, 2);
        push(inspector(), Items.batch(keepMine)).statusCode(200).body("results[0].status", equalTo("UPDATED"));
        assertThat(db.count("SELECT count(*) FROM sync_conflict WHERE observation_id = ? AND resolved_at IS NULL", id)).isZero();
        assertThat(db.string("SELECT notes FROM observation WHERE id = ?", id)).isEqualTo("Versión B");
    }

    @Test
    void supervisorStatusChangeThenInspectorNoteEditIsNotAConflict() {
        ObjectNode item = Items.risk(UUID.randomUUID());
        String id = item.get("id").asText();
        push(inspector(), Items.batch(item)).statusCode(200);
        given().header("Authorization", users.bearer("sup-push", Roles.SUPERVISOR)).contentType(ContentType.JSON)
                .body("{\"status\":\"VERIFIED\",\"reason\":\"Visitado\"}")
                .patch("/api/v1/observations/" + id).then().statusCode(200).body("status", equalTo("VERIFIED")).body("rev", equalTo(2));
        ObjectNode edit = Items.edit(item, 1);
        edit.put("notes", "Se colocó cinta preventiva");
        push(inspector(), Items.batch(edit)).statusCode(200)
                .body("results[0].status", equalTo("UPDATED"))
                .body("results[0].rev", equalTo(3))
                .body("results[0].server.status", equalTo("VERIFIED"))
                .body("results[0].server.notes", equalTo("Se colocó cinta preventiva"));
    }

    @Test
    void twoConcurrentWritersOnOneBaseRevGetOneUpdateAndOneMergeOrConflict() throws Exception {
        ObjectNode item = Items.risk(UUID.randomUUID());
        UUID id = UUID.fromString(item.get("id").asText());
        push(inspector(), Items.batch(item)).statusCode(200);
        String supervisor = users.bearer("sup-race", Roles.SUPERVISOR);
        ObjectNode mine = Items.edit(item, 1);
        mine.put("notes", "Inspector");
        ObjectNode theirs = Items.edit(item, 1);
        theirs.put("notes", "Supervisor");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<String>> writers = List.of(
                    () -> push(inspector(), Items.batch(mine)).statusCode(200).extract().path("results[0].status"),
                    () -> push(supervisor, Items.batch(theirs)).statusCode(200).extract().path("results[0].status"));
            List<String> statuses = new ArrayList<>();
            for (Future<String> f : pool.invokeAll(writers)) {
                statuses.add(f.get());
            }
            assertThat(statuses).containsExactlyInAnyOrder("UPDATED", "CONFLICT");
        } finally {
            pool.shutdownNow();
        }
        assertThat(db.count("SELECT rev FROM observation WHERE id = ?", id)).isEqualTo(2);
        assertThat(db.count("SELECT count(*) FROM observation_revision WHERE observation_id = ?", id)).isEqualTo(2);
    }

    @Test
    void inspectorEditingAnotherInspectorsObservationIsRejectedWithoutTheirCopy() {
        ObjectNode item = Items.risk(UUID.randomUUID());
        push(inspector(), Items.batch(item)).statusCode(200);
        ObjectNode intrusion = Items.edit(item, 1);
        intrusion.put("notes", "No es mía");
        push(users.bearer("insp-push-b", Roles.INSPECTOR), Items.batch(intrusion)).statusCode(200)
                .body("results[0].status", equalTo("REJECTED"))
                .body("results[0].errors[0].code", equalTo("NOT_AUTHOR"))
                .body("results[0].server", nullValue());
        assertThat(db.string("SELECT notes FROM observation WHERE id = ?", UUID.fromString(item.get("id").asText())))
                .isEqualTo("Socavón junto a la banqueta");
    }

    @Test
    void batchMixingValidAndInvalidItemsStoresTheValidOnes() {
        ObjectNode good1 = Items.risk(UUID.randomUUID());
        ObjectNode bad = Items.risk(UUID.randomUUID(), -110.96, 95);
        ObjectNode good2 = Items.urbanImage(UUID.randomUUID(), -110.95, 29.08, "GRAFITI");
        push(inspector(), Items.batch(good1, bad, good2)).statusCode(200)
                .body("results.status", equalTo(List.of("CREATED", "REJECTED", "CREATED")))
                .body("results[1].errors.field", hasItem("geometry.coordinates[1]"))
                .body("results[1].errors.code", hasItem("LAT_RANGE"));
        assertThat(db.count("SELECT count(*) FROM observation WHERE id = ?", UUID.fromString(bad.get("id").asText()))).isZero();
        assertThat(db.count("SELECT count(*) FROM observation WHERE id IN (?, ?)",
                UUID.fromString(good1.get("id").asText()), UUID.fromString(good2.get("id").asText()))).isEqualTo(2);
    }

    @Test
    void rejectionMessagesFollowAcceptLanguage() {
        ObjectNode bad = Items.risk(UUID.randomUUID(), -110.96, 95);
        String es = given().header("Authorization", inspector()).contentType(ContentType.JSON).body(Items.batch(bad))
                .post("/api/v1/sync/push").then().statusCode(200).extract().path("results[0].errors[0].message");
        bad.put("opId", UUID.randomUUID().toString());
        String en = given().header("Authorization", inspector()).header("Accept-Language", "en-US,en;q=0.9")
                .contentType(ContentType.JSON).body(Items.batch(bad))
                .post("/api/v1/sync/push").then().statusCode(200).extract().path("results[0].errors[0].message");
        assertThat(es).containsIgnoringCase("latitud");
        assertThat(en).containsIgnoringCase("latitude");
    }

    @Test
    void anIdTwiceInOneBatchIsAppliedInOrder() {
        ObjectNode item = Items.risk(UUID.randomUUID());
        ObjectNode edit = Items.edit(item, 1);
        edit.put("notes", "Segunda escritura");
        push(inspector(), Items.batch(item, edit)).statusCode(200)
                .body("results.status", equalTo(List.of("CREATED", "UPDATED")))
                .body("results.rev", equalTo(List.of(1, 2)));
    }

    @Test
    void editArrivingBeforeItsCreateKeepsTheNewerState() {
        ObjectNode create = Items.risk(UUID.randomUUID());
        ObjectNode edit = Items.edit(create, 1);
        edit.put("notes", "Estado más reciente");
        push(inspector(), Items.batch(edit)).statusCode(200).body("results[0].status", equalTo("CREATED"));
        push(inspector(), Items.batch(create)).statusCode(200)
                .body("results[0].status", equalTo("UNCHANGED"))
                .body("results[0].server.notes", equalTo("Estado más reciente"));
        assertThat(db.string("SELECT notes FROM observation WHERE id = ?", UUID.fromString(create.get("id").asText())))
                .isEqualTo("Estado más reciente");
    }

    @Test
    void greenAreaGetsItsSurfaceComputedOnTheServer() {
        // About 100 m x 100 m near Parque Madero.
        double[][] ring = {{-110.9600, 29.0800}, {-110.9590, 29.0800}, {-110.9590, 29.0809}, {-110.9600, 29.0809}, {-110.9600, 29.0800}};
        ObjectNode item = Items.greenArea(UUID.randomUUID(), ring);
        push(inspector(), Items.batch(item)).statusCode(200).body("results[0].status", equalTo("CREATED"));
        String area = db.string("SELECT area_m2 FROM observation WHERE id = ?", UUID.fromString(item.get("id").asText()));
        assertThat(Double.parseDouble(area)).isBetween(9_000.0, 11_000.0);
    }

    @Test
    void takeServerClosesTheConflict() {
        ObjectNode item = Items.risk(UUID.randomUUID());
        UUID id = UUID.fromString(item.get("id").asText());
        push(inspector(), Items.batch(item)).statusCode(200);
        ObjectNode a = Items.edit(item, 1);
        a.put("notes", "A");
        push(inspector(), Items.batch(a)).statusCode(200);
        ObjectNode b = Items.edit(item, 1);
        b.put("notes", "B");
        push(inspector(), Items.batch(b)).statusCode(200).body("results[0].status", equalTo("CONFLICT"));
        ObjectNode takeServer = Items.edit(item, 2);
        takeServer.put("resolution", "TAKE_SERVER");
        push(inspector(), Items.batch(takeServer)).statusCode(200).body("results[0].status", equalTo("UNCHANGED"))
                .body("results[0].server.notes", equalTo("A"));
        assertThat(db.count("SELECT count(*) FROM sync_conflict WHERE observation_id = ? AND resolved_at IS NULL", id)).isZero();
        assertThat(db.string("SELECT notes FROM observation WHERE id = ?", id)).isEqualTo("A");
    }

    @Test
    void supervisorResolvesAConflictKeepingTheDevicesValue() {
        ObjectNode item = Items.risk(UUID.randomUUID());
        UUID id = UUID.fromString(item.get("id").asText());
        push(inspector(), Items.batch(item)).statusCode(200);
        ObjectNode a = Items.edit(item, 1);
        a.put("notes", "Servidor");
        push(inspector(), Items.batch(a)).statusCode(200);
        ObjectNode b = Items.edit(item, 1);
        b.put("notes", "Dispositivo");
        push(inspector(), Items.batch(b)).statusCode(200).body("results[0].status", equalTo("CONFLICT"));
        String conflictId = db.string("SELECT id::text FROM sync_conflict WHERE observation_id = ? AND resolved_at IS NULL", id);
        given().header("Authorization", users.bearer("sup-resolve", Roles.SUPERVISOR)).contentType(ContentType.JSON)
                .body("{\"resolution\":\"TAKE_MINE\"}")
                .post("/api/v1/conflicts/" + conflictId + "/resolution").then().statusCode(200)
                .body("notes", equalTo("Dispositivo")).body("rev", equalTo(3));
        assertThat(db.count("SELECT count(*) FROM audit_log WHERE entity_id = ? AND action = 'conflict.resolve'", id.toString())).isEqualTo(1);
        given().header("Authorization", users.bearer("sup-resolve", Roles.SUPERVISOR)).contentType(ContentType.JSON)
                .body("{\"resolution\":\"TAKE_MINE\"}")
                .post("/api/v1/conflicts/" + conflictId + "/resolution").then().statusCode(409)
                .contentType("application/problem+json").body("code", equalTo("CONFLICT_ALREADY_RESOLVED"));
    }
}
