package mx.implan.brujula.citizen;

import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import mx.implan.brujula.model.observation.Observation;
import mx.implan.brujula.sync.WriteFaults;
import mx.implan.brujula.testing.Db;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;

/**
 * A report the server could not store now (its observation's write failed, injected through {@link WriteFaults}
 * as the push tests do) is 503 with {@code Retry-After} in the spec's error format, and nothing of it is kept —
 * no observation, no report, no Idempotency-Key answer — so the client's retry with the same key, once the fault
 * is gone, creates exactly one report.
 */
@QuarkusTest
class Open311WriteFaultTest {

    /** Fails the write of every observation whose notes carry {@link #marker} while it is set. */
    static class FaultyWrites extends WriteFaults {
        volatile String marker;

        @Override
        public void beforeWrite(Observation item) {
            String m = marker;
            if (m != null && item.notes() != null && item.notes().contains(m)) {
                throw new IllegalStateException("injected fault");
            }
        }
    }

    @Inject
    Db db;

    private final FaultyWrites faults = new FaultyWrites();

    @BeforeEach
    void injectFaults() {
        QuarkusMock.installMockForType(faults, WriteFaults.class);
    }

    @Test
    void aReportTheServerCouldNotStoreIs503WithRetryAfterKeepsNothingAndItsRetryCreatesOneReport() {
        String notes = "Bache que no se pudo guardar " + UUID.randomUUID();
        String key = "falla-" + UUID.randomUUID();
        Map<String, String> form = Reports.form("URBAN_IMAGE_BACHE", Reports.somewhere());
        form.put("description", notes);
        form.put("device_id", "tel-" + UUID.randomUUID());
        faults.marker = notes;

        Response json = Reports.post(form).header("Idempotency-Key", key).post("/open311/v2/requests.json");
        json.then().statusCode(503).contentType("application/json").body("[0].code", equalTo(503))
                .body("[0].description", not(emptyOrNullString()));
        assertThat(json.header("Retry-After")).isEqualTo("5");
        assertThat(json.header(Open311Resource.TRACKING_TOKEN)).isNull();
        assertThat(json.asString()).doesNotContain("injected fault").doesNotContain("Exception").doesNotContain("problem");
        Response xml = Reports.post(form).header("Idempotency-Key", key).post("/open311/v2/requests.xml");
        xml.then().statusCode(503).contentType("text/xml").body("errors.error.code", equalTo("503"));
        assertThat(xml.header("Retry-After")).isEqualTo("5");
        assertNothingKept(notes, key);

        faults.marker = null;
        Response retry = Reports.post(form).header("Idempotency-Key", key).post("/open311/v2/requests.json");
        retry.then().statusCode(201);
        String id = retry.path("[0].service_request_id");
        Reports.post(form).header("Idempotency-Key", key).post("/open311/v2/requests.json")
                .then().statusCode(200).body("[0].service_request_id", equalTo(id));
        assertThat(db.count("SELECT count(*) FROM observation WHERE notes = ?", notes)).isEqualTo(1);
        // One of each: the refused attempts left no revision, event or report behind under the same id.
        assertThat(db.count("SELECT count(*) FROM observation_revision WHERE observation_id = ?", UUID.fromString(id))).isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM outbox WHERE aggregate_id = ?", id)).isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM citizen_report WHERE observation_id = ?", UUID.fromString(id))).isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM open311_idempotency WHERE idem_key = ?", key)).isEqualTo(1);
    }

    private void assertNothingKept(String notes, String key) {
        assertThat(db.count("SELECT count(*) FROM observation WHERE notes = ?", notes)).isZero();
        assertThat(db.count("SELECT count(*) FROM open311_idempotency WHERE idem_key = ?", key)).isZero();
    }
}
