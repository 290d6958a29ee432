package mx.implan.brujula.alerts;

import mx.implan.brujula.testing.Pipeline;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import mx.implan.brujula.auth.Roles;
import mx.implan.brujula.testing.EventStream;
import mx.implan.brujula.testing.Fieldwork;
import mx.implan.brujula.testing.Items;
import mx.implan.brujula.testing.TestUsers;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * The alert stream (server-sent events): a new alert reaches an open stream, a reconnection with
 * Last-Event-ID first gets what it missed, idle streams get heartbeats, bad ids are 400.
 */
@QuarkusTest
class AlertStreamTest {

    private static final Duration WAIT = Pipeline.PROJECTION_WAIT;

    @TestHTTPResource("/api/v1/alerts/stream")
    URI stream;
    @Inject
    Fieldwork field;

    @org.junit.jupiter.api.AfterEach
    void removeAreas() {
        field.removeAreas();
    }
    @Inject
    TestUsers users;
    @Inject
    AlertStream streams;

    private String severeRisk(Fieldwork.Area area) {
        ObjectNode risk = Items.risk(UUID.randomUUID(), area.lon(), area.lat());
        field.push(users.bearer("insp-alert-stream", Roles.INSPECTOR), risk);
        return risk.get("id").asText();
    }

    private static JsonNode data(EventStream.Event e) {
        try {
            return Items.JSON.readTree(e.data());
        } catch (java.io.IOException ex) {
            throw new AssertionError(ex);
        }
    }

    private static boolean about(EventStream.Event e, String subject) {
        return subject.equals(data(e).path("subjectId").asText());
    }

    @Test
    void aNewAlertReachesAnOpenStreamAndAReconnectionGetsWhatItMissedFirst() {
        Fieldwork.Area area = field.area();
        String supervisor = field.supervisor();
        String seenLive;
        try (EventStream live = EventStream.open(stream, supervisor, null)) {
            assertThat(live.status()).isEqualTo(200);
            assertThat(live.header("Content-Type")).startsWith("text/event-stream");
            String first = severeRisk(area);
            EventStream.Event e = live.next(ev -> about(ev, first), WAIT);
            assertThat(e.name()).isEqualTo("alert");
            assertThat(Long.parseLong(e.id())).isEqualTo(data(e).path("id").asLong());
            assertThat(data(e).path("kind").asText()).isEqualTo("RISK_HIGH_SEVERITY");
            assertThat(data(e).path("zoneId").asText()).isEqualTo(area.zoneId());
            seenLive = e.id();
        }

        // Raised while nobody listened.
        String missed = severeRisk(area);
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> given().header("Authorization", supervisor)
                .queryParam("zone", area.zoneId()).get("/api/v1/alerts").then().extract().jsonPath()
                .getList("items.subjectId").contains(missed));
        try (EventStream resumed = EventStream.open(stream, supervisor, seenLive)) {
            EventStream.Event e = resumed.next(ev -> about(ev, missed), WAIT);
            assertThat(Long.parseLong(e.id())).isGreaterThan(Long.parseLong(seenLive));
            // Live again after the catch-up.
            String after = severeRisk(area);
            EventStream.Event next = resumed.next(ev -> about(ev, after), WAIT);
            assertThat(Long.parseLong(next.id())).isGreaterThan(Long.parseLong(e.id()));
        }
    }

    @Test
    void anIdleStreamGetsHeartbeatsAndAClosedOneStopsPolling() {
        String supervisor = field.supervisor();
        // Tests run one after another and close their streams: wait until the last one is gone.
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> streams.open() == 0);
        try (EventStream idle = EventStream.open(stream, supervisor, null)) {
            assertThat(idle.status()).isEqualTo(200);
            idle.awaitComment("heartbeat", WAIT);
            idle.awaitComment("heartbeat", WAIT);
            assertThat(streams.open()).isEqualTo(1);
        }
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> streams.open() == 0);
    }

    @Test
    void aStreamEndsWhenItsTokenExpires() {
        // Built as the resource builds it, with a lifetime of one second instead of the token's fifteen minutes.
        var events = streams.after(Long.MAX_VALUE - 1, org.jboss.resteasy.reactive.server.jaxrs.SseImpl.INSTANCE, Duration.ofSeconds(1))
                .collect().asList().await().atMost(WAIT);
        assertThat(events).isNotEmpty().allMatch(e -> e.getComment() != null && e.getData() == null);
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> streams.open() == 0);
    }

    @Test
    void aBadLastEventIdIsNamedAndOnlyStaffMayListen() {
        given().header("Authorization", field.supervisor()).header("Last-Event-ID", "ayer").accept("text/event-stream")
                .get("/api/v1/alerts/stream").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("Last-Event-ID"));
        try (EventStream denied = EventStream.open(stream, users.bearer("insp-alert-stream", Roles.INSPECTOR), null)) {
            assertThat(denied.status()).isEqualTo(403);
        }
        try (EventStream anonymous = EventStream.open(stream, null, null)) {
            assertThat(anonymous.status()).isEqualTo(401);
        }
    }
}
