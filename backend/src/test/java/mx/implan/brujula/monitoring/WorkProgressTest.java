package mx.implan.brujula.monitoring;

import mx.implan.brujula.testing.Pipeline;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import mx.implan.brujula.auth.Roles;
import mx.implan.brujula.testing.Db;
import mx.implan.brujula.testing.Fieldwork;
import mx.implan.brujula.testing.TestUsers;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static mx.implan.brujula.testing.Fieldwork.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Works progress from pushed WORKS_PROGRESS reports: the actual series keeps the last report of each
 * visit day, visits list their photos, the delay is the plan today minus the last reported percent,
 * the board filters delayed works, inspectors see only the works of their zones.
 */
@QuarkusTest
class WorkProgressTest {

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

    private JsonPath progress(String bearer, String workId) {
        return given().header("Authorization", bearer).get("/api/v1/works/" + workId + "/progress")
                .then().statusCode(200).extract().jsonPath();
    }

    /** The progress document once it shows {@code visits} visits (the projector runs after the push commits). */
    private JsonPath awaitVisits(String workId, int visits) {
        JsonPath[] last = new JsonPath[1];
        String supervisor = field.supervisor();
        await().atMost(Pipeline.PROJECTION_WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
            last[0] = progress(supervisor, workId);
            return last[0].getList("visits").size() == visits;
        });
        return last[0];
    }

    @Test
    void theSeriesKeepsTheLastReportOfEachDayAndTheDelayIsThePlanTodayMinusTheLastReported() {
        Fieldwork.Area area = field.area();
        String work = field.work(area, "FORTALECE");
        String inspector = users.bearer("insp-progress-series", Roles.INSPECTOR);
        ObjectNode early = field.report(work, 20, "PREPARACION", at(5, 10));
        ObjectNode morning = field.report(work, 30, "EN_EJECUCION", at(2, 9));
        ObjectNode afternoon = field.report(work, 35, "EN_EJECUCION", at(2, 16));
        String a = "a".repeat(64);
        String b = "b".repeat(64);
        afternoon.putArray("photos").add(photo(b)).add(photo(a));
        // Pushed out of order: the afternoon report first, the morning one afterwards.
        field.push(inspector, afternoon, early);
        field.push(inspector, morning);

        JsonPath p = awaitVisits(work, 3);

        LocalDate today = LocalDate.now(Fieldwork.HERMOSILLO);
        assertThat(p.getString("work.id")).isEqualTo(work);
        assertThat(p.getString("work.programme")).isEqualTo("FORTALECE");
        assertThat(p.getList("planned.date", String.class)).containsExactly(today.minusDays(100).toString(), today.plusDays(100).toString());
        assertThat(p.getList("actual.day", String.class)).containsExactly(today.minusDays(5).toString(), today.minusDays(2).toString());
        assertThat(p.getList("actual.percent", Integer.class)).containsExactly(20, 35);
        assertThat(p.getList("actual.observationId", String.class))
                .containsExactly(early.get("id").asText(), afternoon.get("id").asText());
        assertThat(p.getList("actual.stage", String.class)).containsExactly("PREPARACION", "EN_EJECUCION");
        assertThat(p.getList("visits.observationId", String.class)).containsExactly(early.get("id").asText(),
                morning.get("id").asText(), afternoon.get("id").asText());
        assertThat(p.getList("visits.author", String.class)).containsOnly("insp-progress-series");
        assertThat(p.getList("visits[2].photos", String.class)).containsExactly(
                "/api/v1/attachments/" + b + "?variant=thumb", "/api/v1/attachments/" + a + "?variant=thumb");
        assertThat(p.getList("visits[0].photos")).isEmpty();
        assertThat(OffsetDateTime.parse(p.getString("visits[1].capturedAt"))).isEqualTo(at(2, 9));
        assertThat(p.getDouble("plannedToday")).isEqualTo(50.0);
        assertThat(p.getInt("lastActual")).isEqualTo(35);
        assertThat(p.getDouble("delayPoints")).isEqualTo(15.0);
        assertThat(p.getBoolean("delayed")).isTrue();
        assertThat(p.getString("today")).isEqualTo(today.toString());

        // A later edit of the afternoon report (percent corrected) replaces it; the morning one still loses the day.
        ObjectNode corrected = afternoon.deepCopy();
        corrected.put("opId", UUID.randomUUID().toString());
        corrected.put("baseRev", 1);
        ((ObjectNode) corrected.get("attributes")).put("progressPercent", 45);
        given().header("Authorization", inspector).contentType("application/json").body(mx.implan.brujula.testing.Items.batch(corrected))
                .post("/api/v1/sync/push").then().statusCode(200).body("results[0].status", equalTo("UPDATED"));
        String supervisor = field.supervisor();
        await().atMost(Pipeline.PROJECTION_WAIT).until(() -> progress(supervisor, work).getInt("lastActual") == 45);
        JsonPath after = progress(field.supervisor(), work);
        assertThat(after.getDouble("delayPoints")).isEqualTo(5.0);
        assertThat(after.getBoolean("delayed")).isFalse();
        assertThat(after.getList("visits")).hasSize(3);
    }

    @Test
    void aWorkWithoutReportsHasItsPlanAndNoDelay() {
        String work = field.work(field.area(), "FORTALECE");
        JsonPath p = progress(field.supervisor(), work);
        assertThat(p.getList("actual")).isEmpty();
        assertThat(p.getList("visits")).isEmpty();
        assertThat(p.getDouble("plannedToday")).isEqualTo(50.0);
        assertThat(p.getString("lastActual")).isNull();
        assertThat(p.getString("delayPoints")).isNull();
        assertThat(p.getBoolean("delayed")).isFalse();
    }

    @Test
    void theBoardFiltersDelayedWorksByProgramme() {
        Fieldwork.Area area = field.area();
        String programme = "TABLERO-" + Long.toString(System.nanoTime(), 36);
        String behind = field.work(area, programme);
        String onTrack = field.work(area, programme);
        String unreported = field.work(area, programme);
        String elsewhere = field.work(area, "FORTALECE");
        String inspector = users.bearer("insp-progress-board", Roles.INSPECTOR);
        field.push(inspector, field.report(behind, 10, "EN_EJECUCION", at(1, 10)), field.report(onTrack, 48, "EN_EJECUCION", at(1, 11)),
                field.report(elsewhere, 5, "EN_EJECUCION", at(1, 12)));
        awaitVisits(behind, 1);
        awaitVisits(onTrack, 1);
        awaitVisits(elsewhere, 1);

        JsonPath delayed = board(Map.of("delayed", "true", "programme", programme.toLowerCase()));
        assertThat(delayed.getList("items.work.id", String.class)).containsExactly(behind);
        assertThat(delayed.getDouble("items[0].delayPoints")).isEqualTo(40.0);
        assertThat(delayed.getInt("items[0].lastActual")).isEqualTo(10);
        assertThat(delayed.getInt("items[0].visits")).isEqualTo(1);
        assertThat(delayed.getString("items[0].lastStage")).isEqualTo("EN_EJECUCION");
        assertThat(OffsetDateTime.parse(delayed.getString("items[0].lastReportedAt"))).isEqualTo(at(1, 10));
        assertThat(board(Map.of("delayed", "false", "programme", programme)).getList("items.work.id", String.class))
                .containsExactlyInAnyOrder(onTrack, unreported);
        JsonPath all = board(Map.of("programme", programme, "limit", "2"));
        assertThat(all.getList("items")).hasSize(2);
        JsonPath rest = board(Map.of("programme", programme, "limit", "2", "cursor", all.getString("next")));
        assertThat(rest.getList("items")).hasSize(1);
        assertThat(rest.getString("next")).isNull();
        List<String> codes = new java.util.ArrayList<>(all.getList("items.work.code", String.class));
        codes.addAll(rest.getList("items.work.code", String.class));
        assertThat(codes).isSorted().doesNotHaveDuplicates().hasSize(3);
    }

    private JsonPath board(Map<String, String> query) {
        return given().header("Authorization", field.supervisor()).queryParams(query).get("/api/v1/works/progress")
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void inspectorsFollowTheWorksOfTheirZonesOnly() {
        Fieldwork.Area mine = field.area();
        Fieldwork.Area other = field.area();
        String ownWork = field.work(mine, "FORTALECE");
        String otherWork = field.work(other, "FORTALECE");
        String inspector = field.inspectorIn(mine, "insp-progress-zones-" + System.nanoTime());

        assertThat(progress(inspector, ownWork).getString("work.id")).isEqualTo(ownWork);
        given().header("Authorization", inspector).get("/api/v1/works/" + otherWork + "/progress").then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("WORK_NOT_FOUND"));
        given().header("Authorization", inspector).get("/api/v1/works/progress").then().statusCode(403);
        given().header("Authorization", users.bearer("cit-progress", Roles.CITIZEN)).get("/api/v1/works/" + ownWork + "/progress")
                .then().statusCode(403);
        given().get("/api/v1/works/" + ownWork + "/progress").then().statusCode(401);
    }

    @Test
    void badInputNamesTheParameterAndAnUnknownWorkIs404() {
        String sup = field.supervisor();
        given().header("Authorization", sup).get("/api/v1/works/no-es-uuid/progress").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("id"))
                .body("errors[0].code", equalTo("INVALID_UUID"));
        given().header("Authorization", sup).get("/api/v1/works/" + UUID.randomUUID() + "/progress").then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("WORK_NOT_FOUND"));
        given().header("Authorization", sup).queryParam("delayed", "quizas").get("/api/v1/works/progress").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("delayed"));
        given().header("Authorization", sup).queryParam("limit", "0").get("/api/v1/works/progress").then().statusCode(400)
                .body("errors[0].field", equalTo("limit"));
        given().header("Authorization", sup).queryParam("cursor", "%%%").get("/api/v1/works/progress").then().statusCode(400)
                .body("errors[0].field", equalTo("cursor"));
    }

    private static ObjectNode photo(String sha) {
        ObjectNode p = mx.implan.brujula.testing.Items.JSON.createObjectNode();
        p.put("sha256", sha).put("mediaType", "image/jpeg").put("bytes", 1234);
        return p;
    }
}
