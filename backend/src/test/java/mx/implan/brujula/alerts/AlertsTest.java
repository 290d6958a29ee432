package mx.implan.brujula.alerts;

import mx.implan.brujula.testing.Pipeline;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import mx.implan.brujula.auth.Roles;
import mx.implan.brujula.events.DomainEvent;
import mx.implan.brujula.events.EventDispatcher;
import mx.implan.brujula.monitoring.DelayCheck;
import mx.implan.brujula.testing.Db;
import mx.implan.brujula.testing.Fieldwork;
import mx.implan.brujula.testing.Items;
import mx.implan.brujula.testing.TestUsers;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static mx.implan.brujula.testing.Fieldwork.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Each kind of alert from real pushes (severe risks, works falling behind, severe risks left open),
 * once each — a redelivered event, a work that stays behind and a second check add nothing — and the
 * list, its filters and acknowledgement. Each test works in an AGEB of its own and filters by it.
 */
@QuarkusTest
class AlertsTest {

    @Inject
    Fieldwork field;

    @org.junit.jupiter.api.AfterEach
    void removeAreas() {
        field.removeAreas();
    }
    @Inject
    TestUsers users;
    @Inject
    Db db;
    @Inject
    EventDispatcher dispatcher;
    @Inject
    UnattendedRisks unattended;
    @Inject
    DelayCheck delayCheck;

    private String inspector() {
        return users.bearer("insp-alerts", Roles.INSPECTOR);
    }

    private ObjectNode risk(Fieldwork.Area area, int severity, OffsetDateTime capturedAt) {
        ObjectNode item = Items.risk(UUID.randomUUID(), area.lon(), area.lat());
        ((ObjectNode) item.get("attributes")).put("severity", severity);
        item.put("capturedAt", capturedAt.withNano(0).toString());
        return item;
    }

    private JsonPath alerts(Map<String, String> query) {
        return given().header("Authorization", field.supervisor()).queryParams(query).get("/api/v1/alerts")
                .then().statusCode(200).extract().jsonPath();
    }

    private List<Map<String, Object>> alertsAbout(Fieldwork.Area area, String kind, String subject) {
        return alerts(Map.of("zone", area.zoneId(), "kind", kind, "limit", "1000"))
                .getList("items.findAll { it.subjectId == '" + subject + "' }");
    }

    private void awaitAlerts(Fieldwork.Area area, String kind, String subject, int count) {
        field.supervisor();
        await().atMost(Pipeline.PROJECTION_WAIT).pollInterval(Duration.ofMillis(100))
                .until(() -> alertsAbout(area, kind, subject).size() >= count);
    }

    private long outboxId(String aggregateId) {
        return db.count("SELECT max(id) FROM outbox WHERE aggregate_id = ?", aggregateId);
    }

    @Test
    void aSevereRiskRaisesOneAlertAndARedeliveredEventNoSecond() throws Exception {
        Fieldwork.Area area = field.area();
        ObjectNode severe = risk(area, 5, OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5));
        ObjectNode mild = risk(area, 3, OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5));
        field.push(inspector(), severe, mild);
        String id = severe.get("id").asText();
        awaitAlerts(area, "RISK_HIGH_SEVERITY", id, 1);
        await().atMost(Pipeline.PROJECTION_WAIT).until(() -> db.count(
                "SELECT count(*) FROM processed_event WHERE consumer = 'alerts' AND event_id = ?", outboxId(mild.get("id").asText())) == 1);

        Map<String, Object> alert = alertsAbout(area, "RISK_HIGH_SEVERITY", id).get(0);
        assertThat(alert).containsEntry("severity", 5).containsEntry("subjectType", "observation").containsEntry("zoneId", area.zoneId())
                .containsEntry("acknowledgedAt", null);
        @SuppressWarnings("unchecked")
        Map<String, String> title = (Map<String, String>) alert.get("title");
        assertThat(title.get("es")).isEqualTo("Riesgo de severidad 5: hundimiento");
        assertThat(title.get("en")).isEqualTo("Severity 5 risk: subsidence");
        assertThat(alertsAbout(area, "RISK_HIGH_SEVERITY", mild.get("id").asText())).isEmpty();

        long eventId = outboxId(id);
        String payload = db.string("SELECT payload::text FROM outbox WHERE id = ?", eventId);
        DomainEvent again = new DomainEvent(eventId, "observation.created", "observation", id, null, Items.JSON.readTree(payload));
        assertThat(dispatcher.dispatch(again, "test")).isEmpty();
        assertThat(dispatcher.dispatch(again, "test")).isEmpty();
        // Even as an event the pipeline has never seen (another id), the same risk is alerted once.
        DomainEvent copy = new DomainEvent(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50), "observation.updated",
                "observation", id, null, Items.JSON.readTree(payload));
        assertThat(dispatcher.dispatch(copy, "test")).isEmpty();
        assertThat(db.count("SELECT count(*) FROM alert WHERE subject_id = CAST(? AS uuid)", id)).isEqualTo(1);

        // Arriving together (one batch): the same risk twice more and another severe one in the same AGEB.
        String other = UUID.randomUUID().toString();
        ObjectNode otherState = (ObjectNode) Items.JSON.readTree(payload);
        otherState.put("id", other);
        long base = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50);
        List<EventDispatcher.Delivery> together = List.of(
                new EventDispatcher.Delivery(new DomainEvent(base, "observation.updated", "observation", id, null, Items.JSON.readTree(payload)), "test"),
                new EventDispatcher.Delivery(new DomainEvent(base + 1, "observation.created", "observation", other, null, otherState), "test"),
                new EventDispatcher.Delivery(new DomainEvent(base + 2, "observation.updated", "observation", id, null, Items.JSON.readTree(payload)), "test"));
        assertThat(dispatcher.dispatchAll(together, true)).hasSize(3).allMatch(List::isEmpty);
        assertThat(db.count("SELECT count(*) FROM alert WHERE subject_id = CAST(? AS uuid)", id)).isEqualTo(1);
        assertThat(db.column("SELECT zone_id FROM alert WHERE subject_id = CAST(? AS uuid)", other)).containsExactly(area.zoneId());
    }

    @Test
    void aWorkFallingBehindIsAlertedOnceWhileBehindAndAgainAfterCatchingUp() {
        Fieldwork.Area area = field.area();
        String work = field.work(area, "FORTALECE");
        String supervisor = field.supervisor();
        report(work, 30, at(4, 10), supervisor);
        awaitAlerts(area, "WORK_DELAYED", work, 1);
        Map<String, Object> first = alertsAbout(area, "WORK_DELAYED", work).get(0);
        assertThat(first).containsEntry("severity", 4).containsEntry("subjectType", "work").containsEntry("zoneId", area.zoneId());
        @SuppressWarnings("unchecked")
        Map<String, Object> details = (Map<String, Object>) first.get("details");
        assertThat(((Number) details.get("delayPoints")).doubleValue()).isEqualTo(20.0);
        @SuppressWarnings("unchecked")
        Map<String, String> title = (Map<String, String>) first.get("title");
        assertThat(title.get("es")).startsWith("Obra MON-").contains("atrasada 20 puntos (programado 50 %, reportado 30 %)");
        assertThat(title.get("en")).contains("is 20 points behind (planned 50%, reported 30%)");

        // Still behind: neither the next report nor the scheduled check alerts again.
        report(work, 35, at(3, 10), supervisor);
        delayCheck.check();
        assertThat(alertsAbout(area, "WORK_DELAYED", work)).hasSize(1);
        // Caught up, then behind again: a new alert.
        report(work, 45, at(2, 10), supervisor);
        assertThat(alertsAbout(area, "WORK_DELAYED", work)).hasSize(1);
        report(work, 25, at(1, 10), supervisor);
        awaitAlerts(area, "WORK_DELAYED", work, 2);
        delayCheck.check();
        assertThat(alertsAbout(area, "WORK_DELAYED", work)).hasSize(2);
    }

    /** Pushes a report and waits until the projector took it (the work's last reported percent is it). */
    private void report(String work, int percent, OffsetDateTime when, String supervisor) {
        field.push(inspector(), field.report(work, percent, "EN_EJECUCION", when));
        await().atMost(Pipeline.PROJECTION_WAIT).pollInterval(Duration.ofMillis(100)).until(() ->
                Integer.valueOf(percent).equals(given().header("Authorization", supervisor).get("/api/v1/works/" + work + "/progress")
                        .then().statusCode(200).extract().path("lastActual")));
    }

    @Test
    void aSevereRiskLeftOpenPastTheDaysIsAlertedOnceAsUnattended() {
        Fieldwork.Area area = field.area();
        OffsetDateTime old = OffsetDateTime.now(ZoneOffset.UTC).minusDays(9);
        ObjectNode reported = risk(area, 4, old);
        ObjectNode verified = risk(area, 5, old);
        ObjectNode dismissed = risk(area, 4, old);
        ObjectNode recent = risk(area, 5, OffsetDateTime.now(ZoneOffset.UTC).minusDays(2));
        ObjectNode minor = risk(area, 3, old);
        field.push(inspector(), reported, verified, dismissed, recent, minor);
        triage(verified, "VERIFIED");
        triage(dismissed, "DISMISSED");

        unattended.check();
        List<Map<String, Object>> found = alerts(Map.of("zone", area.zoneId(), "kind", "RISK_UNATTENDED")).getList("items");
        assertThat(found).extracting(a -> a.get("subjectId"))
                .containsExactlyInAnyOrder(reported.get("id").asText(), verified.get("id").asText());
        @SuppressWarnings("unchecked")
        Map<String, Object> details = (Map<String, Object>) found.stream()
                .filter(a -> a.get("subjectId").equals(reported.get("id").asText())).findFirst().orElseThrow().get("details");
        assertThat(details).containsEntry("days", 9).containsEntry("severity", 4).containsEntry("hazard", "HUNDIMIENTO");

        unattended.check();
        assertThat(alerts(Map.of("zone", area.zoneId(), "kind", "RISK_UNATTENDED")).getList("items")).hasSize(2);
    }

    private void triage(ObjectNode risk, String status) {
        given().header("Authorization", field.supervisor()).contentType(ContentType.JSON).body(Map.of("status", status))
                .patch("/api/v1/observations/" + risk.get("id").asText()).then().statusCode(200);
    }

    @Test
    void acknowledgingRecordsWhoAndWhenOnceAndIsAudited() {
        Fieldwork.Area area = field.area();
        ObjectNode severe = risk(area, 4, OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5));
        field.push(inspector(), severe);
        String subject = severe.get("id").asText();
        awaitAlerts(area, "RISK_HIGH_SEVERITY", subject, 1);
        long id = ((Number) alertsAbout(area, "RISK_HIGH_SEVERITY", subject).get(0).get("id")).longValue();
        String admin = users.bearer("admin-alerts", Roles.ADMIN);

        JsonPath first = given().header("Authorization", field.supervisor()).post("/api/v1/alerts/" + id + "/acknowledge")
                .then().statusCode(200).extract().jsonPath();
        assertThat(first.getString("acknowledgedBy")).isEqualTo("sup-monitoring");
        assertThat(first.getString("acknowledgedAt")).isNotNull();
        given().header("Authorization", admin).post("/api/v1/alerts/" + id + "/acknowledge").then().statusCode(200)
                .body("acknowledgedBy", equalTo("sup-monitoring")).body("acknowledgedAt", equalTo(first.getString("acknowledgedAt")));

        assertThat(alerts(Map.of("zone", area.zoneId(), "acknowledged", "true")).getList("items.id", Long.class)).containsExactly(id);
        assertThat(alerts(Map.of("zone", area.zoneId(), "acknowledged", "false")).getList("items")).isEmpty();
        assertThat(db.count("SELECT count(*) FROM audit_log WHERE entity_type = 'alert' AND entity_id = ? AND action = 'alert.acknowledge'"
                + " AND actor = 'sup-monitoring' AND observation_id = CAST(? AS uuid)", Long.toString(id), subject)).isEqualTo(1);

        given().header("Authorization", admin).post("/api/v1/alerts/987654321987/acknowledge").then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("ALERT_NOT_FOUND"));
        given().header("Authorization", admin).post("/api/v1/alerts/uno/acknowledge").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("id"));
        given().header("Authorization", inspector()).post("/api/v1/alerts/" + id + "/acknowledge").then().statusCode(403);
    }

    @Test
    void theListPagesNewestFirstAndNamesBadParameters() {
        Fieldwork.Area area = field.area();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        ObjectNode a = risk(area, 4, now.minusMinutes(3));
        ObjectNode b = risk(area, 4, now.minusMinutes(2));
        ObjectNode c = risk(area, 4, now.minusMinutes(1));
        field.push(inspector(), a, b, c);
        for (ObjectNode r : List.of(a, b, c)) {
            awaitAlerts(area, "RISK_HIGH_SEVERITY", r.get("id").asText(), 1);
        }
        JsonPath page = alerts(Map.of("zone", area.zoneId(), "limit", "2"));
        List<Long> ids = page.getList("items.id", Long.class);
        assertThat(ids).hasSize(2).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        JsonPath rest = alerts(Map.of("zone", area.zoneId(), "limit", "2", "cursor", page.getString("next")));
        assertThat(rest.getList("items.id", Long.class)).hasSize(1).allMatch(id -> id < ids.get(1));
        assertThat(rest.getString("next")).isNull();
        assertThat(alerts(Map.of("zone", area.zoneId(), "since", now.plusHours(1).toString())).getList("items")).isEmpty();
        assertThat(alerts(Map.of("zone", area.zoneId(), "since", now.minusHours(1).toString())).getList("items")).hasSize(3);
        assertThat(alerts(Map.of("zone", area.zoneId(), "kind", "work_delayed")).getList("items")).isEmpty();

        String sup = field.supervisor();
        Map<String, String> bad = Map.of("kind", "TERREMOTO", "acknowledged", "quizas", "since", "ayer", "limit", "5000",
                "zone", "zona con espacios", "cursor", "%%%");
        bad.forEach((name, value) -> given().header("Authorization", sup).queryParam(name, value).get("/api/v1/alerts")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo(name)));
        given().header("Authorization", inspector()).get("/api/v1/alerts").then().statusCode(403);
        given().get("/api/v1/alerts").then().statusCode(401);
    }
}
