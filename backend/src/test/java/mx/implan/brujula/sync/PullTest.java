package mx.implan.brujula.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import mx.implan.brujula.auth.Roles;
import mx.implan.brujula.testing.Items;
import mx.implan.brujula.testing.Db;
import mx.implan.brujula.testing.TestUsers;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class PullTest {

    @Inject
    TestUsers users;
    @Inject
    Db db;

    private String bearer() {
        return users.bearer("insp-pull", Roles.INSPECTOR);
    }

    private JsonPath pull(String bearer, String cursor) {
        return given().header("Authorization", bearer).queryParam("limit", 1000)
                .queryParam("cursor", cursor == null ? "" : cursor)
                .get("/api/v1/sync/pull").then().statusCode(200).extract().jsonPath();
    }

    /** Follows hasMore to the end; returns the ids of observation changes and the final cursor. */
    private String drain(String bearer, String cursor, List<String> ids) {
        JsonPath page;
        do {
            page = pull(bearer, cursor);
            ids.addAll(page.getList("changes.findAll { it.type == 'observation' }.id", String.class));
            cursor = page.getString("next");
        } while (page.getBoolean("hasMore"));
        return cursor;
    }

    private void create(String bearer, ObjectNode item) {
        given().header("Authorization", bearer).contentType(ContentType.JSON).body(Items.batch(item))
                .post("/api/v1/sync/push").then().statusCode(200).body("results[0].status", equalTo("CREATED"));
    }

    @Test
    void pullDeliversOwnChangesWithTheirLatestRevision() {
        String cursor = drain(bearer(), null, new ArrayList<>());
        ObjectNode item = Items.risk(UUID.randomUUID());
        create(bearer(), item);
        ObjectNode edit = Items.edit(item, 1);
        edit.put("notes", "Actualizado");
        given().header("Authorization", bearer()).contentType(ContentType.JSON).body(Items.batch(edit))
                .post("/api/v1/sync/push").then().statusCode(200);
        JsonPath page = pull(bearer(), cursor);
        assertThat(page.getList("changes.id", String.class)).containsOnlyOnce(item.get("id").asText());
        assertThat(page.getInt("changes.find { it.id == '" + item.get("id").asText() + "' }.rev")).isEqualTo(2);
        assertThat(page.getString("changes.find { it.id == '" + item.get("id").asText() + "' }.data.notes")).isEqualTo("Actualizado");
    }

    @Test
    void othersObservationsAreNotPulledButSupervisorsSeeThem() {
        String other = users.bearer("insp-pull-other", Roles.INSPECTOR);
        String supervisor = users.bearer("sup-pull", Roles.SUPERVISOR);
        String mineCursor = drain(bearer(), null, new ArrayList<>());
        String supCursor = drain(supervisor, null, new ArrayList<>());
        ObjectNode item = Items.risk(UUID.randomUUID());
        create(other, item);
        List<String> seen = new ArrayList<>();
        drain(bearer(), mineCursor, seen);
        assertThat(seen).doesNotContain(item.get("id").asText());
        List<String> supSeen = new ArrayList<>();
        drain(supervisor, supCursor, supSeen);
        assertThat(supSeen).contains(item.get("id").asText());
    }

    @Test
    void aChangeCommittedLateByAConcurrentTransactionIsStillDelivered() throws Exception {
        String cursor = drain(bearer(), null, new ArrayList<>());
        ObjectNode lateItem = Items.risk(UUID.randomUUID());
        create(bearer(), lateItem);
        UUID lateId = UUID.fromString(lateItem.get("id").asText());
        try (Connection slow = db.connection()) {
            slow.setAutoCommit(false);
            // The slow transaction takes its txid and sequence value first…
            try (PreparedStatement ps = slow.prepareStatement(
                    "INSERT INTO change_log (entity_type, entity_id, op, rev, owner) VALUES ('observation', ?, 'UPSERT', 1, 'insp-pull')")) {
                ps.setString(1, lateId.toString());
                ps.executeUpdate();
            }
            // …then a faster writer commits after it.
            ObjectNode fast = Items.risk(UUID.randomUUID());
            create(bearer(), fast);
            JsonPath during = pull(bearer(), cursor);
            // While the slow one is open, nothing at or after it is handed out, so the cursor cannot pass it.
            assertThat(during.getList("changes.id", String.class)).doesNotContain(fast.get("id").asText());
            String cursorDuring = during.getString("next");
            slow.commit();
            List<String> after = new ArrayList<>();
            drain(bearer(), cursorDuring, after);
            assertThat(after).contains(lateId.toString(), fast.get("id").asText());
        }
    }

    @Test
    void changesAreOrderedByTransactionIdNotByItsText() {
        String owner = "insp-order-" + System.nanoTime();
        String bearer = users.bearer(owner, Roles.INSPECTOR);
        // Transaction 9 before 10, although "10" < "9" as text: a page of one must not jump past 9.
        String nine = UUID.randomUUID().toString();
        String ten = UUID.randomUUID().toString();
        db.update("INSERT INTO change_log (txid, entity_type, entity_id, op, owner) VALUES (CAST('10' AS xid8), 'observation', ?, 'REMOVE', ?)", ten, owner);
        db.update("INSERT INTO change_log (txid, entity_type, entity_id, op, owner) VALUES (CAST('9' AS xid8), 'observation', ?, 'REMOVE', ?)", nine, owner);
        List<String> ids = new ArrayList<>();
        String cursor = null;
        JsonPath page;
        do {
            page = given().header("Authorization", bearer).queryParam("limit", 1).queryParam("cursor", cursor == null ? "" : cursor)
                    .get("/api/v1/sync/pull").then().statusCode(200).extract().jsonPath();
            ids.addAll(page.getList("changes.id", String.class));
            cursor = page.getString("next");
        } while (page.getBoolean("hasMore"));
        assertThat(ids).containsExactly(nine, ten);
    }

    @Test
    void cursorFromAnotherEpochIsGone() {
        String cursor = drain(bearer(), null, new ArrayList<>());
        String epoch = db.string("SELECT epoch::text FROM sync_state");
        try {
            db.update("UPDATE sync_state SET epoch = gen_random_uuid()");
            given().header("Authorization", bearer()).queryParam("cursor", cursor)
                    .get("/api/v1/sync/pull").then().statusCode(410)
                    .contentType("application/problem+json").body("code", equalTo("CURSOR_EXPIRED"));
        } finally {
            db.update("UPDATE sync_state SET epoch = CAST(? AS uuid)", epoch);
        }
    }

    @Test
    void garbageCursorAndLimitAreBadRequests() {
        given().header("Authorization", bearer()).queryParam("cursor", "not-a-cursor!!")
                .get("/api/v1/sync/pull").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("cursor"));
        given().header("Authorization", bearer()).queryParam("limit", 5000)
                .get("/api/v1/sync/pull").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("limit"));
        given().header("Authorization", bearer()).queryParam("limit", "ten")
                .get("/api/v1/sync/pull").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("limit"));
    }
}
