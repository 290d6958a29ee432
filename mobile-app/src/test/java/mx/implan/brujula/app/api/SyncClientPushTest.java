package mx.implan.brujula.app.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import mx.implan.brujula.app.api.FakeServer.Answer;
import mx.implan.brujula.app.api.FakeServer.Request;
import mx.implan.brujula.app.sync.Observations;
import mx.implan.brujula.model.observation.Flag;
import mx.implan.brujula.model.observation.Observation;
import mx.implan.brujula.model.observation.ObservationStatus;
import mx.implan.brujula.model.sync.PushResult;
import mx.implan.brujula.model.sync.PushStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SyncClientPushTest {

    private static final String PUSH = "/api/v1/sync/push";

    private FakeServer server;
    private ClientFixture app;

    @BeforeEach
    void start() throws Exception {
        server = new FakeServer();
        app = new ClientFixture(server).signedIn("access", "refresh");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static List<Observation> batch(int n) {
        return IntStream.range(0, n).mapToObj(i -> Observations.risk("tab-017")).toList();
    }

    /** Like the backend: CREATED rev 1 per item, 413 naming maxItems above {@code maxItems}. */
    private void pushAcceptsAtMost(int maxItems) {
        server.on(PUSH, r -> {
            JsonNode items = r.json().get("items");
            if (items.size() > maxItems) {
                return Answer.problem(413, "{\"status\":413,\"code\":\"PAYLOAD_TOO_LARGE\",\"maxItems\":" + maxItems + "}");
            }
            return Answer.json(200, created(items).toString());
        });
    }

    private static ObjectNode created(JsonNode items) {
        ObjectNode response = FakeServer.JSON.createObjectNode();
        ArrayNode results = response.putArray("results");
        for (JsonNode item : items) {
            results.addObject().put("id", item.get("id").asText()).put("opId", item.get("opId").asText())
                    .put("status", "CREATED").put("rev", 1);
        }
        return response;
    }

    private List<Integer> batchSizes() {
        return server.requests(PUSH).stream().map(r -> r.json().get("items").size()).toList();
    }

    @Test
    void sendsTheEnvelopeWithoutServerStampedFields() {
        pushAcceptsAtMost(500);
        Observation item = Observations.risk("tab-017").toBuilder()
                .rev(7L).author("someone").status(ObservationStatus.VERIFIED).flags(List.of(Flag.CLOCK_SKEW)).build();

        List<PushResult> results = app.client.push("tab-017", List.of(item));

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(PushStatus.CREATED);
            assertThat(r.rev()).isEqualTo(1L);
            assertThat(r.id()).isEqualTo(item.id());
        });
        Request sent = server.requests(PUSH).get(0);
        assertThat(sent.header("Authorization")).isEqualTo("Bearer access");
        assertThat(sent.header("Content-Type")).isEqualTo("application/json");
        JsonNode body = sent.json();
        assertThat(body.get("deviceId").asText()).isEqualTo("tab-017");
        // The device clock, with the device's offset.
        assertThat(OffsetDateTime.parse(body.get("sentAt").asText()))
                .isEqualTo(OffsetDateTime.parse("2026-11-25T10:15:00-07:00"));
        JsonNode sentItem = body.get("items").get(0);
        assertThat(sentItem.get("id").asText()).isEqualTo(item.id().toString());
        assertThat(sentItem.get("opId").asText()).isEqualTo(item.opId().toString());
        assertThat(sentItem.get("geometry").get("coordinates").get(1).asDouble()).isEqualTo(29.0729);
        assertThat(sentItem.get("attributes").get("hazard").asText()).isEqualTo("HUNDIMIENTO");
        assertThat(sentItem.has("rev")).isFalse();
        assertThat(sentItem.has("author")).isFalse();
        assertThat(sentItem.has("status")).isFalse();
        assertThat(sentItem.has("flags")).isFalse();
    }

    @Test
    void a413HalvesTheBatchRecursivelyAndKeepsResultsInOrder() {
        pushAcceptsAtMost(5);
        List<Observation> items = batch(12);

        List<PushResult> results = app.client.push("tab-017", items);

        assertThat(results).extracting(PushResult::id).containsExactlyElementsOf(items.stream().map(Observation::id).toList());
        assertThat(results).extracting(PushResult::opId)
                .containsExactlyElementsOf(items.stream().map(Observation::opId).toList());
        assertThat(results).allSatisfy(r -> assertThat(r.status()).isEqualTo(PushStatus.CREATED));
        assertThat(batchSizes()).containsExactly(12, 6, 3, 3, 6, 3, 3);
    }

    @Test
    void aTooLargeBodyHalvesToo() {
        // maxBytes: whatever the item count, the body must stay under the limit.
        int maxBytes = 2_500;
        server.on(PUSH, r -> r.body().length > maxBytes
                ? Answer.problem(413, "{\"status\":413,\"code\":\"PAYLOAD_TOO_LARGE\",\"maxBytes\":" + maxBytes + "}")
                : Answer.json(200, created(r.json().get("items")).toString()));
        List<Observation> items = batch(9);

        List<PushResult> results = app.client.push("tab-017", items);

        assertThat(results).extracting(PushResult::id).containsExactlyElementsOf(items.stream().map(Observation::id).toList());
        assertThat(server.requests(PUSH)).filteredOn(r -> r.body().length <= maxBytes).hasSizeGreaterThan(1);
    }

    @Test
    void a413FromAProxyWithoutProblemBodyAlsoHalves() {
        server.on(PUSH, r -> r.json().get("items").size() > 2
                ? new Answer(413, "text/html", "<html><body>413 Request Entity Too Large</body></html>")
                : Answer.json(200, created(r.json().get("items")).toString()));

        List<PushResult> results = app.client.push("tab-017", batch(4));

        assertThat(results).hasSize(4);
        assertThat(batchSizes()).containsExactly(4, 2, 2);
    }

    @Test
    void aSingleItemTooLargeIsReportedNotLooped() {
        server.on(PUSH, r -> Answer.problem(413,
                "{\"status\":413,\"code\":\"PAYLOAD_TOO_LARGE\",\"detail\":\"La solicitud excede el límite (maxBytes = 10)\",\"maxBytes\":10}"));

        assertThatThrownBy(() -> app.client.push("tab-017", batch(2)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(413);
                    assertThat(e.code()).isEqualTo("PAYLOAD_TOO_LARGE");
                    assertThat(e.member("maxBytes")).get().extracting(JsonNode::asLong).isEqualTo(10L);
                });
        assertThat(batchSizes()).containsExactly(2, 1);
    }

    @Test
    void perItemOutcomesArePassedThrough() {
        List<Observation> items = batch(3);
        server.on(PUSH, r -> Answer.json(200, """
                {"results":[
                  {"id":"%s","opId":"%s","status":"UNCHANGED","rev":1,"flags":["OUTSIDE_AOI"]},
                  {"id":"%s","opId":"%s","status":"REJECTED",
                   "errors":[{"field":"geometry.coordinates[1]","code":"LAT_RANGE","message":"latitud fuera de rango"}]},
                  {"id":"%s","opId":"%s","status":"CONFLICT","rev":3,
                   "server":{"id":"%s","kind":"RISK","geometry":{"type":"Point","coordinates":[-110.9,29.1]},"rev":3,
                             "author":"ana","status":"VERIFIED","notes":"otra"}}
                ]}""".formatted(items.get(0).id(), items.get(0).opId(), items.get(1).id(), items.get(1).opId(),
                items.get(2).id(), items.get(2).opId(), items.get(2).id())));

        List<PushResult> results = app.client.push("tab-017", items);

        assertThat(results.get(0).status()).isEqualTo(PushStatus.UNCHANGED);
        assertThat(results.get(0).flags()).containsExactly(Flag.OUTSIDE_AOI);
        assertThat(results.get(1).status()).isEqualTo(PushStatus.REJECTED);
        assertThat(results.get(1).errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("geometry.coordinates[1]");
            assertThat(e.code()).isEqualTo("LAT_RANGE");
        });
        assertThat(results.get(2).status()).isEqualTo(PushStatus.CONFLICT);
        assertThat(results.get(2).server().notes()).isEqualTo("otra");
        assertThat(results.get(2).server().status()).isEqualTo(ObservationStatus.VERIFIED);
    }

    @Test
    void valuesFromANewerServerDoNotBreakReading() {
        List<Observation> items = batch(1);
        server.on(PUSH, r -> Answer.json(200, """
                {"results":[{"id":"%s","opId":"%s","status":"QUEUED_FOR_REVIEW","rev":1,
                  "flags":["SOMETHING_NEW","CLOCK_SKEW"],"shinyNewField":{"a":1}}],"serverTime":"now"}"""
                .formatted(items.get(0).id(), items.get(0).opId())));

        PushResult result = app.client.push("tab-017", items).get(0);

        // Unknown status: null, so the engine keeps the item pending rather than guessing.
        assertThat(result.status()).isNull();
        assertThat(result.flags()).containsExactly(Flag.UNKNOWN, Flag.CLOCK_SKEW);
    }

    @Test
    void resultsThatDoNotMatchTheBatchAreRefused() {
        List<Observation> items = batch(2);
        server.on(PUSH, r -> Answer.json(200, "{\"results\":[{\"id\":\"%s\",\"status\":\"CREATED\",\"rev\":1}]}"
                .formatted(items.get(0).id())));
        assertThatThrownBy(() -> app.client.push("tab-017", items))
                .isInstanceOf(UnexpectedResponseException.class)
                .hasMessageContaining("1 results for 2 pushed items");

        server.on(PUSH, r -> Answer.json(200,
                "{\"results\":[{\"id\":\"%s\",\"status\":\"CREATED\",\"rev\":1},{\"id\":\"%s\",\"status\":\"CREATED\",\"rev\":1}]}"
                        .formatted(items.get(1).id(), items.get(0).id())));
        assertThatThrownBy(() -> app.client.push("tab-017", items))
                .isInstanceOf(UnexpectedResponseException.class)
                .hasMessageContaining("Result 0 is for " + items.get(1).id());
    }

    @Test
    void aRejectedItemWithoutIdStillLinesUp() {
        List<Observation> items = new ArrayList<>(batch(2));
        items.set(0, items.get(0).toBuilder().id(null).build());
        server.on(PUSH, r -> Answer.json(200, """
                {"results":[{"status":"REJECTED","errors":[{"field":"id","code":"REQUIRED","message":"falta"}]},
                            {"id":"%s","status":"CREATED","rev":1}]}""".formatted(items.get(1).id())));

        assertThat(app.client.push("tab-017", items)).extracting(PushResult::status)
                .containsExactly(PushStatus.REJECTED, PushStatus.CREATED);
    }

    @Test
    void anInvalidEnvelopeSurfacesItsFieldErrors() {
        server.on(PUSH, r -> Answer.problem(400, """
                {"type":"https://brujula.implan.mx/problems/invalid-push","title":"Bad Request","status":400,
                 "detail":"El envío no tiene la forma esperada","code":"INVALID_PUSH","instance":"/api/v1/sync/push",
                 "errors":[{"field":"deviceId","code":"TOO_LONG","message":"demasiado largo"}]}"""));

        assertThatThrownBy(() -> app.client.push("x".repeat(200), batch(1)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("INVALID_PUSH");
                    assertThat(e.problem().instance()).isEqualTo("/api/v1/sync/push");
                    assertThat(e.errors()).singleElement().satisfies(f -> {
                        assertThat(f.field()).isEqualTo("deviceId");
                        assertThat(f.code()).isEqualTo("TOO_LONG");
                        assertThat(f.message()).isEqualTo("demasiado largo");
                    });
                    assertThat(e.getMessage()).contains("HTTP 400 INVALID_PUSH").contains("deviceId TOO_LONG");
                });
    }

    @Test
    void anEmptyBatchSendsNothing() {
        assertThat(app.client.push("tab-017", List.of())).isEmpty();
        assertThat(server.requests()).isEmpty();
    }
}
