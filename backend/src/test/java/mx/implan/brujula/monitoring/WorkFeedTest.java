package mx.implan.brujula.monitoring;

import mx.implan.brujula.testing.Pipeline;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import mx.implan.brujula.testing.Db;
import mx.implan.brujula.testing.Fieldwork;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static io.restassured.RestAssured.given;
import static mx.implan.brujula.testing.Fieldwork.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The works the field app pulls carry the last reported progress (lastProgressPercent, lastStage,
 * lastReportedAt, the names the app reads), and a new report re-delivers the work to the inspectors
 * who hold it — also to a colleague who did not write it.
 */
@QuarkusTest
class WorkFeedTest {

    @Inject
    Fieldwork field;

    @org.junit.jupiter.api.AfterEach
    void removeAreas() {
        field.removeAreas();
    }
    @Inject
    Db db;

    private JsonPath pull(String bearer, String cursor) {
        db.awaitFeedSettled();
        return given().header("Authorization", bearer).queryParam("limit", 1000).queryParam("cursor", cursor == null ? "" : cursor)
                .get("/api/v1/sync/pull").then().statusCode(200).extract().jsonPath();
    }

    private String drain(String bearer, String cursor) {
        JsonPath page;
        do {
            page = pull(bearer, cursor);
            cursor = page.getString("next");
        } while (page.getBoolean("hasMore"));
        return cursor;
    }

    /** Pulls from {@code cursor} until the work arrives with {@code percent}; returns its document and moves the cursor. */
    private Map<String, Object> awaitWork(String bearer, AtomicReference<String> cursor, String workId, Object percent) {
        AtomicReference<Map<String, Object>> found = new AtomicReference<>();
        await().atMost(Pipeline.PROJECTION_WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            JsonPath page = pull(bearer, cursor.get());
            List<Map<String, Object>> works = page.getList("changes.findAll { it.type == 'work' && it.id == '" + workId + "' }.data");
            if (!works.isEmpty() && java.util.Objects.equals(works.get(works.size() - 1).get("lastProgressPercent"), percent)) {
                found.set(works.get(works.size() - 1));
                cursor.set(page.getString("next"));
                return true;
            }
            return false;
        });
        return found.get();
    }

    @Test
    void pulledWorksCarryTheLastReportedProgressAndANewReportDeliversThemAgain() {
        Fieldwork.Area area = field.area();
        String work = field.work(area, "FORTALECE");
        String reporter = field.inspectorIn(area, "insp-feed-a-" + System.nanoTime());
        String colleague = field.inspectorIn(area, "insp-feed-b-" + System.nanoTime());

        JsonPath first = pull(colleague, null);
        List<Map<String, Object>> delivered = first.getList("changes.findAll { it.type == 'work' && it.id == '" + work + "' }.data");
        assertThat(delivered).hasSize(1);
        assertThat(delivered.get(0)).containsEntry("lastProgressPercent", null).containsEntry("lastStage", null)
                .containsEntry("lastReportedAt", null).containsKey("plannedCurve");
        AtomicReference<String> reporterCursor = new AtomicReference<>(drain(reporter, null));
        AtomicReference<String> colleagueCursor = new AtomicReference<>(drain(colleague, first.getString("next")));

        field.push(reporter, field.report(work, 40, "EN_EJECUCION", at(1, 10)));
        Map<String, Object> seen = awaitWork(colleague, colleagueCursor, work, 40);
        assertThat(seen.get("lastStage")).isEqualTo("EN_EJECUCION");
        assertThat(OffsetDateTime.parse((String) seen.get("lastReportedAt"))).isEqualTo(at(1, 10));
        assertThat(awaitWork(reporter, reporterCursor, work, 40).get("lastStage")).isEqualTo("EN_EJECUCION");

        // A newer report re-delivers the work with the new figures; an older one pushed late changes nothing shown.
        field.push(reporter, field.report(work, 55, "ACABADOS", at(0, 0)));
        Map<String, Object> again = awaitWork(colleague, colleagueCursor, work, 55);
        assertThat(again.get("lastStage")).isEqualTo("ACABADOS");
        field.push(reporter, field.report(work, 15, "PREPARACION", at(20, 10)));
        Map<String, Object> late = awaitWork(colleague, colleagueCursor, work, 55);
        assertThat(late.get("lastStage")).isEqualTo("ACABADOS");
    }
}
