package mx.implan.brujula.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import mx.implan.brujula.auth.Roles;
import mx.implan.brujula.http.DatabaseOutage;
import mx.implan.brujula.model.observation.Observation;
import mx.implan.brujula.testing.Db;
import mx.implan.brujula.testing.Items;
import mx.implan.brujula.testing.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Every item of a push gets its own result, whatever happens to the others: a geometry the database cannot
 * compute on is refused by validation, and an unexpected fault while writing one item (injected here through
 * {@link WriteFaults}) fails that item alone, stores nothing of it, and a retry completes the queue.
 */
@QuarkusTest
class PushIsolationTest {

    /** Throws for the items named in {@link #failing}: a fault in the middle of a write, after its reads. */
    static class FaultyWrites extends WriteFaults {
        final Set<UUID> failing = ConcurrentHashMap.newKeySet();
        volatile RuntimeException fault = new IllegalStateException("injected fault");

        @Override
        public void beforeWrite(Observation item) {
            if (failing.contains(item.id())) {
                throw fault;
            }
        }
    }

    @Inject
    TestUsers users;
    @Inject
    Db db;

    private final FaultyWrites faults = new FaultyWrites();

    @BeforeEach
    void injectFaults() {
        QuarkusMock.installMockForType(faults, WriteFaults.class);
    }

    private String inspector() {
        return users.bearer("insp-isolation", Roles.INSPECTOR);
    }

    private Response push(ObjectNode... items) {
        return given().header("Authorization", inspector()).contentType(ContentType.JSON).body(Items.batch(items))
                .post("/api/v1/sync/push");
    }

    private static UUID id(ObjectNode item) {
        return UUID.fromString(item.get("id").asText());
    }

    private void assertStoredOnce(ObjectNode item) {
        UUID id = id(item);
        assertThat(db.count("SELECT count(*) FROM observation WHERE id = ?", id)).isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM observation_revision WHERE observation_id = ?", id)).isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM outbox WHERE aggregate_id = ?", id.toString())).isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM applied_op WHERE observation_id = ?", id)).isEqualTo(1);
    }

    private void assertNothingStored(ObjectNode item) {
        UUID id = id(item);
        assertThat(db.count("SELECT count(*) FROM observation WHERE id = ?", id)).isZero();
        assertThat(db.count("SELECT count(*) FROM observation_revision WHERE observation_id = ?", id)).isZero();
        assertThat(db.count("SELECT count(*) FROM applied_op WHERE observation_id = ?", id)).isZero();
        assertThat(db.count("SELECT count(*) FROM outbox WHERE aggregate_id = ?", id.toString())).isZero();
    }

    private static ObjectNode withGeometry(ObjectNode item, String geometry) {
        try {
            item.set("geometry", Items.JSON.readTree(geometry));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
        return item;
    }

    @Test
    void aFaultWritingOneItemFailsThatItemAloneAndARetryCompletesTheQueue() {
        ObjectNode good1 = Items.risk(UUID.randomUUID());
        ObjectNode bad = Items.risk(UUID.randomUUID());
        ObjectNode good2 = Items.urbanImage(UUID.randomUUID(), -110.95, 29.08, "GRAFITI");
        faults.failing.add(id(bad));
        Response first = push(good1, bad, good2);
        first.then().statusCode(200)
                .body("results.id", equalTo(List.of(good1.get("id").asText(), bad.get("id").asText(), good2.get("id").asText())))
                .body("results.status", equalTo(List.of("CREATED", "FAILED", "CREATED")))
                .body("results[1].errors[0].code", equalTo("ITEM_FAILED"))
                .body("results[1].errors[0].field", equalTo(""))
                .body("results[1].errors[0].incident", notNullValue());
        assertThat(first.asString()).doesNotContain("injected fault").doesNotContain("Exception").doesNotContain("\"$\"");
        assertStoredOnce(good1);
        assertStoredOnce(good2);
        assertNothingStored(bad);

        // The fault is gone (the database is back, the bug fixed): the device sends its whole queue again.
        faults.failing.clear();
        push(good1, bad, good2).then().statusCode(200)
                .body("results.status", equalTo(List.of("UNCHANGED", "CREATED", "UNCHANGED")))
                .body("results.rev", equalTo(List.of(1, 1, 1)));
        assertStoredOnce(good1);
        assertStoredOnce(bad);
        assertStoredOnce(good2);
    }

    @Test
    void aFaultOnTheItemByItemPathFailsOnlyThatItem() {
        ObjectNode item = Items.risk(UUID.randomUUID());
        push(item).then().statusCode(200).body("results[0].status", equalTo("CREATED"));
        ObjectNode edit = Items.edit(item, 1);
        edit.put("notes", "Editada");
        ObjectNode other = Items.risk(UUID.randomUUID());
        ObjectNode otherEdit = Items.edit(other, 1);
        otherEdit.put("notes", "Segunda escritura");
        faults.failing.add(id(item));
        // An edit and an id twice in one batch: all of it goes item by item.
        push(edit, other, otherEdit).then().statusCode(200)
                .body("results.status", equalTo(List.of("FAILED", "CREATED", "UPDATED")));
        assertThat(db.string("SELECT notes FROM observation WHERE id = ?", id(item))).isEqualTo("Socavón junto a la banqueta");
        assertThat(db.count("SELECT count(*) FROM applied_op WHERE op_id = ?", UUID.fromString(edit.get("opId").asText()))).isZero();
        faults.failing.clear();
        push(edit).then().statusCode(200).body("results[0].status", equalTo("UPDATED")).body("results[0].rev", equalTo(2));
    }

    @Test
    void aFailedSingleObservationIsAProblemWithAnIncidentAndStoresNothing() {
        ObjectNode item = Items.risk(UUID.randomUUID());
        faults.failing.add(id(item));
        Response r = given().header("Authorization", inspector()).contentType(ContentType.JSON).body(item.toString())
                .post("/api/v1/observations");
        r.then().statusCode(500).contentType("application/problem+json").body("code", equalTo("ITEM_FAILED"))
                .body("incident", notNullValue());
        assertThat(r.asString()).doesNotContain("injected fault");
        assertNothingStored(item);
    }

    @Test
    void anUnreachableDatabaseFailsTheWholePushInsteadOfEveryItem() {
        ObjectNode good = Items.risk(UUID.randomUUID());
        ObjectNode bad = Items.risk(UUID.randomUUID());
        faults.failing.add(id(bad));
        faults.fault = new org.hibernate.exception.JDBCConnectionException("connection lost",
                new SQLException("An I/O error occurred while sending to the backend", "08006"));
        Response r = push(good, bad);
        // The outage answer, not a 500: the device keeps its queue and sends it again after Retry-After.
        r.then().statusCode(503).contentType("application/problem+json").body("code", equalTo("DATABASE_UNAVAILABLE"));
        assertThat(r.header("Retry-After")).isEqualTo(Integer.toString(DatabaseOutage.RETRY_AFTER_SECONDS));
        assertThat(r.asString()).doesNotContain("results").doesNotContain("connection lost");
        assertNothingStored(good);
        assertNothingStored(bad);
    }

    @Test
    void geometriesTheDatabaseCannotComputeOnAreRejectedAndTheirNeighboursStored() {
        ObjectNode good1 = Items.risk(UUID.randomUUID());
        ObjectNode line = withGeometry(Items.risk(UUID.randomUUID()), "{\"type\":\"LineString\",\"coordinates\":[[0,0],[180,0]]}");
        ObjectNode world = withGeometry(Items.greenArea(UUID.randomUUID(), new double[][]{{0, 0}, {1, 0}, {1, 1}, {0, 0}}),
                "{\"type\":\"Polygon\",\"coordinates\":[[[-180,-90],[180,-90],[180,90],[-180,90],[-180,-90]]]}");
        ObjectNode hemisphere = withGeometry(Items.greenArea(UUID.randomUUID(), new double[][]{{0, 0}, {1, 0}, {1, 1}, {0, 0}}),
                "{\"type\":\"Polygon\",\"coordinates\":[[[-90,0],[90,0],[90,80],[-90,80],[-90,0]]]}");
        ObjectNode good2 = Items.urbanImage(UUID.randomUUID(), -110.95, 29.08, "BACHE");
        for (int attempt = 0; attempt < 2; attempt++) {
            push(good1, line, world, hemisphere, good2).then().statusCode(200)
                    .body("results.status", equalTo(List.of(attempt == 0 ? "CREATED" : "UNCHANGED", "REJECTED", "REJECTED",
                            "REJECTED", attempt == 0 ? "CREATED" : "UNCHANGED")))
                    .body("results[1].errors.code", hasItems("LON_SPAN", "ANTIPODAL_EDGE"))
                    .body("results[1].errors.field", hasItem("geometry.coordinates"))
                    .body("results[2].errors.code", hasItem("LON_SPAN"))
                    .body("results[3].errors.code", hasItem("LON_SPAN"));
        }
        assertStoredOnce(good1);
        assertStoredOnce(good2);
        assertNothingStored(line);
        assertNothingStored(world);
        assertNothingStored(hemisphere);
        given().header("Authorization", inspector()).contentType(ContentType.JSON).body(Items.risk(UUID.randomUUID())
                        .set("geometry", line.get("geometry")).toString())
                .post("/api/v1/observations").then().statusCode(422).body("errors.code", hasItem("ANTIPODAL_EDGE"));
    }
}
