package mx.implan.brujula.events;

import mx.implan.brujula.testing.Pipeline;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import mx.implan.brujula.auth.Roles;
import mx.implan.brujula.testing.Db;
import mx.implan.brujula.testing.Items;
import mx.implan.brujula.testing.TestUsers;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * The in-process pipeline end to end: a push commits observations and their outbox rows, the relay
 * publishes them as CloudEvents, the consumer hands them to the projectors once each, and what a
 * projector cannot process becomes a dead letter that admins list, retry or discard, while the
 * stream goes on.
 */
@QuarkusTest
class EventPipelineTest {

    @Inject
    Db db;
    @Inject
    TestUsers users;
    @Inject
    RecordingProjector recorder;
    @Inject
    EventDispatcher dispatcher;
    @Inject
    @Channel(EventChannels.OBSERVATIONS_OUT)
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
    Emitter<String> observationChannel;

    @BeforeEach
    void recordingTable() {
        db.update(RecordingProjector.TABLE);
    }

    private String inspector() {
        return users.bearer("insp-events", Roles.INSPECTOR);
    }

    private String admin() {
        return users.bearer("admin-events", Roles.ADMIN);
    }

    private ObjectNode marked(String note) {
        ObjectNode item = Items.risk(UUID.randomUUID());
        item.put("notes", RecordingProjector.MARK + note);
        return item;
    }

    private void push(ObjectNode... items) {
        given().header("Authorization", inspector()).contentType(ContentType.JSON).body(Items.batch(items))
                .post("/api/v1/sync/push").then().statusCode(200);
    }

    private List<Object> recorded(String sql, Object... args) {
        return db.column(sql, args);
    }

    private void awaitRecorded(UUID id, int events) {
        await().atMost(Pipeline.PROJECTION_WAIT).pollInterval(Duration.ofMillis(50)).until(() ->
                db.count("SELECT count(*) FROM test_recorded_event WHERE aggregate_id = ?", id.toString()) >= events);
    }

    @Test
    void everyCommittedChangeReachesTheProjectorOnceInOrderWithTheOutboxIdAsEventId() {
        String run = UUID.randomUUID().toString();
        ObjectNode a = marked("a " + run);
        ObjectNode b = marked("b " + run);
        push(a, b);
        UUID idA = UUID.fromString(a.get("id").asText());
        given().header("Authorization", users.bearer("sup-events", Roles.SUPERVISOR)).contentType(ContentType.JSON)
                .body("{\"status\": \"VERIFIED\"}").patch("/api/v1/observations/" + idA).then().statusCode(200);
        awaitRecorded(idA, 2);
        awaitRecorded(UUID.fromString(b.get("id").asText()), 1);

        assertThat(recorded("SELECT event_type || ' ' || rev FROM test_recorded_event WHERE aggregate_id = ? ORDER BY recorded_at", idA.toString()))
                .containsExactly("observation.created 1", "observation.status-changed 2");
        assertThat(recorded("SELECT event_id FROM test_recorded_event WHERE aggregate_id = ? ORDER BY event_id", idA.toString()))
                .isEqualTo(recorded("SELECT id FROM outbox WHERE aggregate_id = ? ORDER BY id", idA.toString()));
        assertThat(db.count("SELECT count(*) FROM test_recorded_event WHERE aggregate_id = ? AND occurred_at IS NULL", idA.toString()))
                .as("every event carries its commit time").isZero();
        await().atMost(Pipeline.PROJECTION_WAIT).until(() ->
                db.count("SELECT count(*) FROM outbox WHERE aggregate_id = ? AND published_at IS NULL", idA.toString()) == 0);
    }

    @Test
    void aRedeliveredEventChangesNothing() {
        ObjectNode item = marked("redelivered " + UUID.randomUUID());
        push(item);
        UUID id = UUID.fromString(item.get("id").asText());
        awaitRecorded(id, 1);
        long eventId = db.count("SELECT id FROM outbox WHERE aggregate_id = ?", id.toString());
        DomainEvent again = new DomainEvent(eventId, "observation.created", "observation", id.toString(), null,
                Items.JSON.valueToTree(java.util.Map.of("notes", item.get("notes").asText(), "rev", 1)));

        assertThat(dispatcher.dispatch(again, "test")).isEmpty();
        assertThat(dispatcher.dispatch(again, "test")).isEmpty();

        assertThat(db.count("SELECT count(*) FROM test_recorded_event WHERE aggregate_id = ?", id.toString())).isEqualTo(1);
    }

    @Test
    void aFailingEventBecomesADeadLetterTheStreamGoesOnAndAnAdminRetriesIt() {
        String run = UUID.randomUUID().toString();
        ObjectNode poison = marked("poison " + run);
        ObjectNode after = marked("after " + run);
        recorder.refuse(poison.get("notes").asText());
        push(poison);
        push(after);
        UUID poisonId = UUID.fromString(poison.get("id").asText());
        awaitRecorded(UUID.fromString(after.get("id").asText()), 1);

        assertThat(db.count("SELECT count(*) FROM test_recorded_event WHERE aggregate_id = ?", poisonId.toString()))
                .as("the failed attempts left nothing behind").isZero();
        Number letter = (Number) db.one("SELECT id FROM dead_letter WHERE consumer = ? AND aggregate_id = ? AND resolved_at IS NULL",
                RecordingProjector.NAME, poisonId.toString());
        given().header("Authorization", admin()).queryParam("consumer", RecordingProjector.NAME).get("/api/v1/admin/dead-letters")
                .then().statusCode(200)
                .body("items.id", hasItem(letter.intValue()))
                .body("items.find { it.id == " + letter + " }.attempts", equalTo(3))
                .body("items.find { it.id == " + letter + " }.reason", org.hamcrest.Matchers.containsString("refused by the test"))
                .body("items.find { it.id == " + letter + " }.eventType", equalTo("observation.created"));
        given().header("Authorization", inspector()).get("/api/v1/admin/dead-letters").then().statusCode(403);

        // Still failing: the retry says so and the letter stays open with one more attempt.
        given().header("Authorization", admin()).post("/api/v1/admin/dead-letters/" + letter + "/retry")
                .then().statusCode(409).contentType("application/problem+json").body("code", equalTo("DEAD_LETTER_FAILED"));
        assertThat(db.count("SELECT attempts FROM dead_letter WHERE id = ?", letter.longValue())).isEqualTo(4);

        recorder.allow(poison.get("notes").asText());
        given().header("Authorization", admin()).post("/api/v1/admin/dead-letters/" + letter + "/retry")
                .then().statusCode(200).body("resolution", equalTo("RETRIED"));
        assertThat(db.count("SELECT count(*) FROM test_recorded_event WHERE aggregate_id = ?", poisonId.toString())).isEqualTo(1);
        given().header("Authorization", admin()).post("/api/v1/admin/dead-letters/" + letter + "/retry")
                .then().statusCode(409).body("code", equalTo("DEAD_LETTER_RESOLVED"));
    }

    private static EventDispatcher.Delivery delivery(long eventId, String notes) {
        String id = UUID.randomUUID().toString();
        return new EventDispatcher.Delivery(new DomainEvent(eventId, "observation.created", "observation", id, null,
                Items.JSON.valueToTree(java.util.Map.of("notes", RecordingProjector.MARK + notes, "rev", 1))), "test");
    }

    @Test
    void eventsThatArriveTogetherAreAppliedInOneTransactionAndOneFailureCostsTheOthersNothing() {
        String run = UUID.randomUUID().toString();
        long base = 7_000_000_000L + new java.util.Random().nextInt(1_000_000_000);
        List<EventDispatcher.Delivery> together = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            together.add(delivery(base + i, run + " together " + i));
        }
        assertThat(dispatcher.dispatchAll(together, true)).hasSize(4).allMatch(List::isEmpty);
        assertThat(db.count("SELECT count(*) FROM test_recorded_event WHERE notes LIKE ?", "%" + run + " together%")).isEqualTo(4);
        assertThat(db.count("SELECT count(DISTINCT CAST(xmin AS text)) FROM test_recorded_event WHERE notes LIKE ?", "%" + run + " together%"))
                .as("one transaction for the batch").isEqualTo(1);

        List<EventDispatcher.Delivery> withPoison = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            withPoison.add(delivery(base + 10 + i, run + " mixed " + i));
        }
        recorder.refuse(RecordingProjector.MARK + run + " mixed 1");
        assertThat(dispatcher.dispatchAll(withPoison, true))
                .containsExactly(List.of(), List.of(RecordingProjector.NAME), List.of(), List.of());
        assertThat(recorded("SELECT notes FROM test_recorded_event WHERE notes LIKE ? ORDER BY event_id", "%" + run + " mixed%"))
                .containsExactly(RecordingProjector.MARK + run + " mixed 0", RecordingProjector.MARK + run + " mixed 2",
                        RecordingProjector.MARK + run + " mixed 3");
        Number letter = (Number) db.one("SELECT id FROM dead_letter WHERE consumer = ? AND event_id = ? AND resolved_at IS NULL",
                RecordingProjector.NAME, base + 11);
        assertThat(letter).as("the failing event is a dead letter").isNotNull();

        // Delivered again together (a redelivery after a crash): nothing is applied twice.
        assertThat(dispatcher.dispatchAll(together, true)).allMatch(List::isEmpty);
        assertThat(db.count("SELECT count(*) FROM test_recorded_event WHERE notes LIKE ?", "%" + run + "%")).isEqualTo(7);
        EventDispatcher.Delivery twice = delivery(base + 20, run + " twice");
        dispatcher.dispatchAll(List.of(twice, twice), true);
        assertThat(db.count("SELECT count(*) FROM test_recorded_event WHERE notes LIKE ?", "%" + run + " twice")).isEqualTo(1);
        given().header("Authorization", admin()).post("/api/v1/admin/dead-letters/" + letter + "/discard").then().statusCode(200);
    }

    @Test
    void aDiscardedDeadLetterIsNotAppliedByALaterRedelivery() {
        ObjectNode poison = marked("discarded " + UUID.randomUUID());
        recorder.refuse(poison.get("notes").asText());
        push(poison);
        UUID id = UUID.fromString(poison.get("id").asText());
        await().atMost(Pipeline.PROJECTION_WAIT).until(() ->
                db.count("SELECT count(*) FROM dead_letter WHERE aggregate_id = ? AND resolved_at IS NULL", id.toString()) == 1);
        long letter = db.count("SELECT id FROM dead_letter WHERE aggregate_id = ?", id.toString());
        recorder.allow(poison.get("notes").asText());

        given().header("Authorization", admin()).post("/api/v1/admin/dead-letters/" + letter + "/discard")
                .then().statusCode(200).body("resolution", equalTo("DISCARDED"));
        long eventId = db.count("SELECT id FROM outbox WHERE aggregate_id = ?", id.toString());
        DomainEvent again = new DomainEvent(eventId, "observation.created", "observation", id.toString(), null,
                Items.JSON.valueToTree(java.util.Map.of("notes", poison.get("notes").asText(), "rev", 1)));
        dispatcher.dispatch(again, "test");

        assertThat(db.count("SELECT count(*) FROM test_recorded_event WHERE aggregate_id = ?", id.toString())).isZero();
    }

    @Test
    void aMessageThatIsNotAnEventIsADeadLetterOfThePipeline() throws Exception {
        String garbage = "not an event " + UUID.randomUUID();
        CompletableFuture<Void> acked = new CompletableFuture<>();
        observationChannel.send(Message.of(garbage).withAck(() -> {
            acked.complete(null);
            return CompletableFuture.completedFuture(null);
        }));
        acked.get(20, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(db.count("SELECT count(*) FROM dead_letter WHERE consumer = 'pipeline' AND payload = ? AND reason LIKE '%CloudEvents%'",
                garbage)).isEqualTo(1);
        // And the stream goes on.
        ObjectNode next = marked("after garbage " + UUID.randomUUID());
        push(next);
        awaitRecorded(UUID.fromString(next.get("id").asText()), 1);
    }

    @Test
    void devicesPullWhatWasJustPushedWhileTheRelayWaitsForASlowConsumer() {
        ObjectNode slow = marked("slow " + UUID.randomUUID());
        recorder.slowDown(slow.get("notes").asText());
        push(slow);
        // The relay now waits for the slow consumer's acknowledgement; a device's push and pull go on.
        String device = users.bearer("insp-events-" + UUID.randomUUID().toString().substring(0, 8), Roles.INSPECTOR);
        ObjectNode mine = Items.risk(UUID.randomUUID());
        given().header("Authorization", device).contentType(ContentType.JSON).body(Items.batch(mine))
                .post("/api/v1/sync/push").then().statusCode(200);
        long start = System.nanoTime();
        await().atMost(Duration.ofMillis(1500)).pollInterval(Duration.ofMillis(100)).until(() ->
                given().header("Authorization", device).get("/api/v1/sync/pull").then().statusCode(200).extract()
                        .jsonPath().getList("changes.id").contains(mine.get("id").asText()));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
        awaitRecorded(UUID.fromString(slow.get("id").asText()), 1);
    }

    @Test
    void deadLetterQueriesAreChecked() {
        given().header("Authorization", admin()).queryParam("state", "dead").get("/api/v1/admin/dead-letters")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("state"));
        given().header("Authorization", admin()).queryParam("consumer", "Robert'); DROP").get("/api/v1/admin/dead-letters")
                .then().statusCode(400).body("errors[0].field", equalTo("consumer"));
        given().header("Authorization", admin()).queryParam("cursor", "bm9wZQ").get("/api/v1/admin/dead-letters")
                .then().statusCode(400).body("errors[0].field", equalTo("cursor"));
        given().header("Authorization", admin()).get("/api/v1/admin/dead-letters/x1").then().statusCode(400).body("errors[0].field", equalTo("id"));
        given().header("Authorization", admin()).get("/api/v1/admin/dead-letters/999999999").then().statusCode(404)
                .body("code", equalTo("DEAD_LETTER_NOT_FOUND"));
    }

    @Test
    void aWorkChangeIsAWorkEventWithTheWorksState() {
        String code = "EV-" + UUID.randomUUID().toString().substring(0, 8);
        String body = """
                {"code":"%s","name":"Pavimentación de prueba","programme":"FAISMUN","budgetMxn":1500000,
                 "plannedStart":"2026-01-10","plannedEnd":"2026-06-30","geometry":{"type":"Point","coordinates":[-110.9613,29.0729]}}"""
                .formatted(code);
        given().header("Authorization", admin()).contentType(ContentType.JSON).body(body).post("/api/v1/works").then().statusCode(201);
        String payload = db.string("SELECT CAST(payload AS text) FROM outbox WHERE aggregate_type = 'work' AND event_type = 'work.upserted' "
                + "AND payload ->> 'code' = ?", code);
        assertThat(payload).contains("\"budgetMxn\"").contains("\"plannedCurve\"").contains("\"rev\": 1");
        await().atMost(Pipeline.PROJECTION_WAIT).until(() -> db.count(
                "SELECT count(*) FROM outbox WHERE aggregate_type = 'work' AND payload ->> 'code' = ? AND published_at IS NOT NULL", code) == 1);
    }
}
