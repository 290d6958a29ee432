package mx.implan.brujula.citizen;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import mx.implan.brujula.testing.Db;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** Idempotency-Key answers expire after brujula.open311.idempotency-ttl (24 h by default) and are purged. */
@QuarkusTest
class IdempotencyExpiryTest {

    @Inject
    Db db;
    @Inject
    IdempotencyPurge purge;

    private Response post(Map<String, String> form, String key) {
        return Reports.post(form).header("Idempotency-Key", key).post("/open311/v2/requests.json");
    }

    private Map<String, String> anonymousForm() {
        Map<String, String> form = Reports.form("RISK_FUGA", Reports.somewhere());
        form.put("device_id", "tel-" + UUID.randomUUID());
        return form;
    }

    private void age(String key, String interval) {
        db.update("UPDATE open311_idempotency SET created_at = now() - CAST(? AS interval) WHERE idem_key = ?", interval, key);
    }

    @Test
    void anExpiredAnswerIsNoLongerReplayedButTheReportIsStillNotDuplicated() {
        Map<String, String> form = anonymousForm();
        String key = UUID.randomUUID().toString();
        Response first = post(form, key);
        first.then().statusCode(201);
        String id = first.path("[0].service_request_id");
        String token = Reports.token(first);
        assertThat(token).isNotBlank();
        assertThat(Reports.token(post(form, key).then().statusCode(200).extract().response())).isEqualTo(token);

        age(key, "25 hours");
        // Past its lifetime the stored answer (with the token) is gone; the request itself still maps
        // to the same report, so nothing is duplicated.
        Response late = post(form, key);
        late.then().statusCode(200).body("[0].service_request_id", equalTo(id));
        assertThat(Reports.token(late)).isNull();
        assertThat(db.count("SELECT count(*) FROM citizen_report WHERE observation_id = ?::uuid", id)).isEqualTo(1);
    }

    @Test
    void anExpiredKeyMayBeUsedForAnotherReport() {
        Map<String, String> form = anonymousForm();
        String key = UUID.randomUUID().toString();
        String id = post(form, key).then().statusCode(201).extract().path("[0].service_request_id");
        Map<String, String> other = new java.util.LinkedHashMap<>(form);
        other.put("description", "Otra fuga, en la esquina");
        post(other, key).then().statusCode(422);

        age(key, "25 hours");
        Response again = post(other, key);
        again.then().statusCode(201);
        assertThat(again.<String>path("[0].service_request_id")).isNotEqualTo(id);
        // The new answer replaced the expired one and is replayed from now on.
        assertThat(Reports.token(again)).isNotBlank();
        assertThat(Reports.token(post(other, key).then().statusCode(200).extract().response())).isEqualTo(Reports.token(again));
    }

    @Test
    void thePurgeDeletesOnlyExpiredAnswers() {
        String old = UUID.randomUUID().toString();
        String fresh = UUID.randomUUID().toString();
        post(anonymousForm(), old).then().statusCode(201);
        post(anonymousForm(), fresh).then().statusCode(201);
        age(old, "24 hours 1 minute");
        age(fresh, "23 hours");

        assertThat(purge.run()).isGreaterThanOrEqualTo(1);

        assertThat(db.count("SELECT count(*) FROM open311_idempotency WHERE idem_key = ?", old)).isZero();
        assertThat(db.count("SELECT count(*) FROM open311_idempotency WHERE idem_key = ?", fresh)).isEqualTo(1);
    }
}
