package mx.implan.brujula.citizen;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import mx.implan.brujula.auth.Roles;
import mx.implan.brujula.model.Ids;
import mx.implan.brujula.testing.Db;
import mx.implan.brujula.testing.TestUsers;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Retries never duplicate: Idempotency-Key scoped to the caller, and the app's own observation id. */
@QuarkusTest
class Open311IdempotencyTest {

    @Inject
    Db db;
    @Inject
    TestUsers users;

    @Test
    void sameKeyFiveTimesIsOneRequestWithTheOriginalAnswer() {
        Map<String, String> form = Reports.form("RISK_GRIETA", Reports.somewhere());
        form.put("device_id", "tel-" + UUID.randomUUID());
        String key = UUID.randomUUID().toString();
        Set<String> ids = new HashSet<>();
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            Response r = Reports.post(form).header("Idempotency-Key", key).post("/open311/v2/requests.json");
            r.then().statusCode(i == 0 ? 201 : 200);
            ids.add(r.path("[0].service_request_id"));
            tokens.add(r.path("[0].token"));
        }
        assertThat(ids).hasSize(1);
        assertThat(tokens).hasSize(1).doesNotContainNull();
        String id = ids.iterator().next();
        assertThat(db.count("SELECT count(*) FROM observation WHERE id = ?::uuid", id)).isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM citizen_report WHERE observation_id = ?::uuid", id)).isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM observation_revision WHERE observation_id = ?::uuid", id)).isEqualTo(1);
        // The same key from another caller (another device) is another request.
        form.put("device_id", "tel-" + UUID.randomUUID());
        String other = Reports.post(form).header("Idempotency-Key", key).post("/open311/v2/requests.json")
                .then().statusCode(201).extract().path("[0].service_request_id");
        assertThat(other).isNotEqualTo(id);
    }

    @Test
    void sameKeyFiveTimesAtOnceIsStillOneRequestWithOneAnswer() throws Exception {
        Map<String, String> form = Reports.form("RISK_DESLIZAMIENTO", Reports.somewhere());
        form.put("device_id", "tel-" + UUID.randomUUID());
        String key = UUID.randomUUID().toString();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(5);
        try {
            var calls = new java.util.ArrayList<java.util.concurrent.Future<Response>>();
            for (int i = 0; i < 5; i++) {
                calls.add(pool.submit(() -> Reports.post(form).header("Idempotency-Key", key).post("/open311/v2/requests.json")));
            }
            Set<String> answers = new HashSet<>();
            int created = 0;
            for (var call : calls) {
                Response r = call.get();
                assertThat(r.statusCode()).isIn(200, 201);
                created += r.statusCode() == 201 ? 1 : 0;
                answers.add(r.path("[0].service_request_id") + " " + r.path("[0].token"));
            }
            assertThat(created).isEqualTo(1);
            assertThat(answers).hasSize(1);
            String id = answers.iterator().next().split(" ")[0];
            assertThat(db.count("SELECT count(*) FROM citizen_report WHERE observation_id = ?::uuid", id)).isEqualTo(1);
            assertThat(db.count("SELECT count(*) FROM observation WHERE attributes->>'hazard' = 'DESLIZAMIENTO'"
                    + " AND ST_DWithin(geom::geography, ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography, 1)",
                    Double.parseDouble(form.get("long")), Double.parseDouble(form.get("lat")))).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void sameKeyWithADifferentBodyIs422InTheSpecFormat() {
        String bearer = users.bearer("ciudadano.idem", Roles.CITIZEN);
        Map<String, String> form = Reports.form("RISK_INCENDIO", Reports.somewhere());
        String key = "k-" + UUID.randomUUID();
        Reports.post(form).header("Authorization", bearer).header("Idempotency-Key", key)
                .post("/open311/v2/requests.json").then().statusCode(201);
        long before = db.writes();
        form.put("description", "Otra cosa");
        Reports.post(form).header("Authorization", bearer).header("Idempotency-Key", key)
                .post("/open311/v2/requests.json").then().statusCode(422)
                .body("[0].code", equalTo(422)).body("[0].description", containsString("Idempotency-Key"));
        Reports.post(form).header("Authorization", bearer).header("Idempotency-Key", key)
                .post("/open311/v2/requests.xml").then().statusCode(422)
                .body("errors.error.code", equalTo("422"));
        assertThat(db.writes()).isEqualTo(before);
    }

    @Test
    void aRetryRecordsTheReportOfAnObservationWhoseReportWasLost() {
        Map<String, String> form = Reports.form("RISK_INUNDACION", Reports.somewhere());
        form.put("device_id", "tel-" + UUID.randomUUID());
        form.put("email", "perdido@example.mx");
        String key = UUID.randomUUID().toString();
        String id = Reports.post(form).header("Idempotency-Key", key).post("/open311/v2/requests.json")
                .then().statusCode(201).extract().path("[0].service_request_id");
        // As if the process had stopped after the observation's transaction and before the report's.
        db.update("DELETE FROM open311_idempotency WHERE observation_id = ?::uuid", id);
        db.update("DELETE FROM citizen_contact WHERE observation_id = ?::uuid", id);
        db.update("DELETE FROM citizen_report WHERE observation_id = ?::uuid", id);
        String author = db.string("SELECT author FROM observation WHERE id = ?::uuid", id);

        Response retry = Reports.post(form).header("Idempotency-Key", key).post("/open311/v2/requests.json");
        retry.then().statusCode(201).body("[0].service_request_id", equalTo(id));
        assertThat((String) retry.path("[0].token")).isNotBlank();
        assertThat(db.string("SELECT reporter FROM citizen_report WHERE observation_id = ?::uuid", id)).isEqualTo(author);
        assertThat(db.string("SELECT email FROM citizen_contact WHERE observation_id = ?::uuid", id)).isEqualTo("perdido@example.mx");
        assertThat(db.count("SELECT count(*) FROM observation_revision WHERE observation_id = ?::uuid", id)).isEqualTo(1);
        Reports.post(form).header("Idempotency-Key", key).post("/open311/v2/requests.json").then().statusCode(200)
                .body("[0].token", equalTo(retry.path("[0].token")));
    }

    @Test
    void theAppsObservationIdMakesResendsHarmless() {
        UUID id = Ids.newV7();
        Map<String, String> form = Reports.form("URBAN_IMAGE_SENALETICA", Reports.somewhere());
        form.put("attribute[observation_id]", id.toString());
        Reports.post(form).post("/open311/v2/requests.json").then().statusCode(201)
                .body("[0].service_request_id", equalTo(id.toString()));
        for (int i = 0; i < 3; i++) {
            Reports.post(form).post("/open311/v2/requests.json").then().statusCode(200)
                    .body("[0].service_request_id", equalTo(id.toString()))
                    // A resend without the Idempotency-Key never hands out the token again.
                    .body("[0].token", equalTo(null));
        }
        assertThat(db.count("SELECT count(*) FROM observation WHERE id = ?", id)).isEqualTo(1);
        form.put("description", "cambiada");
        Reports.post(form).post("/open311/v2/requests.json").then().statusCode(422).body("[0].code", equalTo(422));
    }
}
