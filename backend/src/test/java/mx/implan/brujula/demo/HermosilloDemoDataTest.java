package mx.implan.brujula.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import mx.implan.brujula.auth.Roles;
import mx.implan.brujula.model.sync.PushStatus;
import mx.implan.brujula.testing.Db;
import mx.implan.brujula.testing.TestUsers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.InputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real Hermosillo data: 18,747 Bachómetro reports loaded through the sync path, idempotently,
 * and queried by bbox, kind, status and time with results checked against the source file. The
 * data is loaded once before the tests (loading is idempotent), so they run in any order.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HermosilloDemoDataTest {

    private static final int REPORTS = 18_747;

    @Inject
    BachometroImport bachometro;
    @Inject
    DemoReferenceData referenceData;
    @Inject
    Db db;
    @Inject
    TestUsers users;
    @Inject
    mx.implan.brujula.indicators.IndicatorRecompute recompute;

    private JsonNode source;
    /** What loading the file into this database the first time in this run reported. */
    private BachometroImport.Report firstLoad;

    @BeforeAll
    void readSourceAndLoadIt() throws Exception {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(BachometroImport.RESOURCE)) {
            source = new ObjectMapper().readTree(in).get("features");
        }
        referenceData.load();
        firstLoad = bachometro.load();
        // As the demo does: the figures from what was loaded at once, so the projector finds the import's
        // events already counted instead of deriving its cells 37,000 times behind the next tests' events.
        recompute.recomputeLive();
    }

    @Test
    void firstLoadCreatesEveryReportAndMarksAttendedOnesResolved() {
        BachometroImport.Report report = firstLoad;
        assertThat(report.read()).isEqualTo(REPORTS);
        // A rerun of the whole suite against a kept database would see UNCHANGED here: both are fine,
        // but nothing may be rejected and every report must exist exactly once.
        assertThat(report.count(PushStatus.CREATED) + report.count(PushStatus.UNCHANGED)).isEqualTo(REPORTS);
        assertThat(report.count(PushStatus.REJECTED)).isZero();
        assertThat(db.count("SELECT count(*) FROM observation WHERE author = 'import:bachometro'")).isEqualTo(REPORTS);
        long attended = 0;
        for (JsonNode f : source) {
            if (f.at("/properties/atendido").asBoolean(false)) {
                attended++;
            }
        }
        assertThat(db.count("SELECT count(*) FROM observation WHERE author = 'import:bachometro' AND status = 'RESOLVED'")).isEqualTo(attended);
        assertThat(db.count("SELECT count(*) FROM audit_log WHERE actor = 'import:bachometro' AND action = 'observation.status'")).isEqualTo(attended);
        assertThat(db.count("SELECT count(*) FROM observation WHERE author = 'import:bachometro' AND captured_at_precision = 'DATE'"
                + " AND (captured_at AT TIME ZONE 'America/Hermosillo')::time = '12:00'")).isEqualTo(REPORTS);
    }

    @Test
    void secondLoadIsAllUnchangedAndWritesNothing() {
        long before = db.writes() + db.count("SELECT count(*) FROM audit_log");
        String maxUpdated = db.string("SELECT max(updated_at)::text FROM observation");
        BachometroImport.Report again = bachometro.load();
        assertThat(again.count(PushStatus.UNCHANGED)).isEqualTo(REPORTS);
        assertThat(again.statusChanges()).isZero();
        assertThat(db.writes() + db.count("SELECT count(*) FROM audit_log")).isEqualTo(before);
        assertThat(db.string("SELECT max(updated_at)::text FROM observation")).isEqualTo(maxUpdated);
    }

    @Test
    void bboxKindStatusAndTimeQueriesReturnExactlyTheSourceReports() {
        double minLon = -110.975, minLat = 29.07, maxLon = -110.95, maxLat = 29.095;
        LocalDate from = LocalDate.parse("2022-01-01"), to = LocalDate.parse("2022-07-01");
        Set<String> expected = new HashSet<>();
        Set<String> expectedResolved = new HashSet<>();
        for (JsonNode f : source) {
            double lon = f.at("/geometry/coordinates/0").asDouble();
            double lat = f.at("/geometry/coordinates/1").asDouble();
            LocalDate date = LocalDate.parse(f.at("/properties/fecha_reporte").asText());
            if (lon >= minLon && lon <= maxLon && lat >= minLat && lat <= maxLat && !date.isBefore(from) && date.isBefore(to)) {
                String id = mx.implan.brujula.model.Ids.nameBased("bachometro:" + f.at("/properties/id_reporte").asLong()).toString();
                expected.add(id);
                if (f.at("/properties/atendido").asBoolean(false)) {
                    expectedResolved.add(id);
                }
            }
        }
        assertThat(expected).hasSizeGreaterThan(50);
        String bbox = minLon + "," + minLat + "," + maxLon + "," + maxLat;
        String window = "&from=2022-01-01T00:00:00-07:00&to=2022-07-01T00:00:00-07:00";
        assertThat(fetchAll("kind=URBAN_IMAGE&bbox=" + bbox + window)).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(fetchAll("kind=URBAN_IMAGE&status=RESOLVED&bbox=" + bbox + window)).containsExactlyInAnyOrderElementsOf(expectedResolved);
        assertThat(fetchAll("kind=RISK&bbox=" + bbox + window)).isEmpty();
    }

    private List<String> fetchAll(String query) {
        String bearer = users.bearer("sup-demo", Roles.SUPERVISOR);
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            JsonPath page = given().header("Authorization", bearer)
                    .get("/api/v1/observations?limit=500&" + query + (cursor == null ? "" : "&cursor=" + cursor))
                    .then().statusCode(200).extract().jsonPath();
            ids.addAll(page.getList("items.id", String.class));
            cursor = page.getString("next");
        } while (cursor != null);
        return ids;
    }
}
