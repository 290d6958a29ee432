package mx.implan.brujula.citizen;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import mx.implan.brujula.auth.Roles;
import mx.implan.brujula.model.Ids;
import mx.implan.brujula.testing.Db;
import mx.implan.brujula.testing.RawHttp;
import mx.implan.brujula.testing.TestUsers;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
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
            tokens.add(Reports.token(r));
            r.then().body("[0]", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("token")));
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
                answers.add(r.path("[0].service_request_id") + " " + Reports.token(r));
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
        assertThat(Reports.token(retry)).isNotBlank();
        assertThat(db.string("SELECT reporter FROM citizen_report WHERE observation_id = ?::uuid", id)).isEqualTo(author);
        assertThat(db.string("SELECT email FROM citizen_contact WHERE observation_id = ?::uuid", id)).isEqualTo("perdido@example.mx");
        assertThat(db.count("SELECT count(*) FROM observation_revision WHERE observation_id = ?::uuid", id)).isEqualTo(1);
        assertThat(Reports.token(Reports.post(form).header("Idempotency-Key", key).post("/open311/v2/requests.json")
                .then().statusCode(200).extract().response())).isEqualTo(Reports.token(retry));
    }

    @Test
    void theAppsObservationIdMakesResendsHarmless() {
        UUID id = Ids.newV7();
        Map<String, String> form = Reports.form("URBAN_IMAGE_SENALETICA", Reports.somewhere());
        form.put("attribute[observation_id]", id.toString());
        Reports.post(form).post("/open311/v2/requests.json").then().statusCode(201)
                .body("[0].service_request_id", equalTo(id.toString()));
        for (int i = 0; i < 3; i++) {
            Response resend = Reports.post(form).post("/open311/v2/requests.json");
            resend.then().statusCode(200).body("[0].service_request_id", equalTo(id.toString()));
            // A resend without the Idempotency-Key never hands out the token again.
            assertThat(Reports.token(resend)).isNull();
        }
        assertThat(db.count("SELECT count(*) FROM observation WHERE id = ?", id)).isEqualTo(1);
        form.put("description", "cambiada");
        Reports.post(form).post("/open311/v2/requests.json").then().statusCode(422).body("[0].code", equalTo(422));
    }

    @Test
    void anAnonymousRetryFromAnotherAddressIsTheSameReportAndRevealsNoToken() throws Exception {
        // A phone without device_id whose network changes between tries: 20 reports, each sent from three addresses.
        String description = "Bachómetro " + UUID.randomUUID();
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            double[] p = Reports.somewhere();
            String form = "service_code=URBAN_IMAGE_BACHE&lat=" + p[1] + "&long=" + p[0] + "&description="
                    + java.net.URLEncoder.encode(description + " #" + i, java.nio.charset.StandardCharsets.UTF_8);
            Map<String, String> key = Map.of("Idempotency-Key", "bache-" + UUID.randomUUID());
            RawHttp.Answer first = RawHttp.postForm("127.0.0.1", "/open311/v2/requests.json", form, key);
            assertThat(first.status()).isEqualTo(201);
            assertThat(first.header(Open311Resource.TRACKING_TOKEN)).isNotBlank();
            for (String from : List.of("127.0.0.2", "127.0.0.3")) {
                RawHttp.Answer retry = RawHttp.postForm(from, "/open311/v2/requests.json", form, key);
                assertThat(retry.status()).isEqualTo(200);
                assertThat(retry.body()).isEqualTo(first.body());
                // Only the address that made the report gets its token back.
                assertThat(retry.header(Open311Resource.TRACKING_TOKEN)).isNull();
            }
            RawHttp.Answer again = RawHttp.postForm("127.0.0.1", "/open311/v2/requests.json", form, key);
            assertThat(again.header(Open311Resource.TRACKING_TOKEN)).isEqualTo(first.header(Open311Resource.TRACKING_TOKEN));
            ids.add(first.body());
        }
        assertThat(db.count("SELECT count(*) FROM observation WHERE notes LIKE ?", description + " #%")).isEqualTo(20);
        assertThat(new HashSet<>(ids)).hasSize(20);
    }

    @Test
    void theSameAnonymousKeyWithAnotherFormIsAnotherReportFromElsewhereAnd422FromTheSameAddress() throws Exception {
        double[] p = Reports.somewhere();
        String form = "service_code=RISK_FUGA&lat=" + p[1] + "&long=" + p[0] + "&description=Fuga+" + UUID.randomUUID();
        Map<String, String> key = Map.of("Idempotency-Key", "k-" + UUID.randomUUID());
        assertThat(RawHttp.postForm("127.0.0.4", "/open311/v2/requests.json", form, key).status()).isEqualTo(201);
        String other = form + "+otra";
        assertThat(RawHttp.postForm("127.0.0.4", "/open311/v2/requests.json", other, key).status()).isEqualTo(422);
        // Someone else's form under a key they happened to pick too is their own report, not a refusal.
        assertThat(RawHttp.postForm("127.0.0.5", "/open311/v2/requests.json", other, key).status()).isEqualTo(201);
    }

    @Test
    void signedInCallersKeysStayPerAccount() {
        Map<String, String> form = Reports.form("RISK_INCENDIO", Reports.somewhere());
        String key = "cuenta-" + UUID.randomUUID();
        String a = Reports.post(form).header("Authorization", users.bearer("ciudadana.clave.a", Roles.CITIZEN))
                .header("Idempotency-Key", key).post("/open311/v2/requests.json").then().statusCode(201)
                .extract().path("[0].service_request_id");
        String b = Reports.post(form).header("Authorization", users.bearer("ciudadano.clave.b", Roles.CITIZEN))
                .header("Idempotency-Key", key).post("/open311/v2/requests.json").then().statusCode(201)
                .extract().path("[0].service_request_id");
        // An account's answer is never replayed to an anonymous caller either.
        String anonymous = Reports.post(form).header("Idempotency-Key", key).post("/open311/v2/requests.json").then().statusCode(201)
                .extract().path("[0].service_request_id");
        assertThat(java.util.Set.of(a, b, anonymous)).hasSize(3);
    }
}
