package mx.implan.brujula.citizen;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import mx.implan.brujula.auth.Roles;
import mx.implan.brujula.testing.Db;
import mx.implan.brujula.testing.TestUsers;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** Personal data: staff only, never public, anonymised after closing, answerable to ARCO requests. */
@QuarkusTest
class CitizenPrivacyTest {

    @Inject
    Db db;
    @Inject
    TestUsers users;
    @Inject
    ContactAnonymiser anonymiser;

    private String report(String email, String bearer) {
        Map<String, String> form = Reports.form("RISK_CABLEADO", Reports.somewhere());
        form.put("email", email);
        form.put("first_name", "Lucía");
        form.put("last_name", "Valenzuela");
        form.put("phone", "6621234567");
        var spec = Reports.post(form);
        if (bearer != null) {
            spec.header("Authorization", bearer);
        }
        return spec.post("/open311/v2/requests.json").then().statusCode(201).extract().path("[0].service_request_id");
    }

    @Test
    void contactDataIsHiddenFromAnotherCitizenAndPublicOutputButVisibleToASupervisor() {
        String owner = users.bearer("ciudadana.a", Roles.CITIZEN);
        String other = users.bearer("ciudadano.b", Roles.CITIZEN);
        String id = report("lucia.a@example.mx", owner);

        given().get("/open311/v2/requests/" + id + ".json").then().statusCode(200).body(not(containsString("lucia.a")))
                .body(not(containsString("Valenzuela"))).body(not(containsString("6621234567")));
        given().get("/open311/v2/requests.xml?service_code=RISK_CABLEADO").then().statusCode(200)
                .body(not(containsString("lucia.a")));
        // Another citizen: neither the observation nor the contact data.
        given().header("Authorization", other).get("/api/v1/observations/" + id).then().statusCode(404);
        given().header("Authorization", other).get("/api/v1/citizen-contacts/" + id).then().statusCode(403);
        // The owner's own observation API never carries contact data either (it lives apart).
        given().header("Authorization", owner).get("/api/v1/observations/" + id).then().statusCode(200)
                .body(not(containsString("lucia.a")));
        given().header("Authorization", owner).get("/api/v1/citizen-contacts/" + id).then().statusCode(403);
        given().get("/api/v1/citizen-contacts/" + id).then().statusCode(401);
        given().header("Authorization", users.bearer("inspector.priv", Roles.INSPECTOR))
                .get("/api/v1/citizen-contacts/" + id).then().statusCode(403);

        given().header("Authorization", users.bearer("supervisor.priv", Roles.SUPERVISOR))
                .get("/api/v1/citizen-contacts/" + id).then().statusCode(200)
                .body("email", equalTo("lucia.a@example.mx"))
                .body("firstName", equalTo("Lucía"))
                .body("phone", equalTo("6621234567"));
        assertThat(db.count("SELECT count(*) FROM audit_log WHERE entity_id = ? AND action = 'citizen-contact.read'", id)).isEqualTo(1);
        assertThat(db.string("SELECT after::text FROM audit_log WHERE entity_id = ? AND action = 'citizen-contact.read'", id))
                .doesNotContain("lucia");
    }

    @Test
    void anonymousTokenFindsTheRequestAndGuessingRevealsNothingPersonal() {
        Map<String, String> form = Reports.form("RISK_OTRO", Reports.somewhere());
        form.put("email", "secreto@example.mx");
        String token = Reports.token(Reports.post(form).post("/open311/v2/requests.json").then().statusCode(201).extract().response());
        String id = given().get("/open311/v2/tokens/" + token + ".json").then().statusCode(200)
                .extract().path("[0].service_request_id");
        given().get("/open311/v2/requests/" + id + ".json").then().statusCode(200).body(not(containsString("secreto")));
        given().get("/open311/v2/tokens/" + token.substring(1) + "x.json").then().statusCode(404).body("[0].code", equalTo(404));
        given().get("/open311/v2/requests/" + UUID.randomUUID() + ".json").then().statusCode(404)
                .body(not(containsString("secreto")));
    }

    @Test
    void anonymisationJobClearsContactDataAfterTheReportClosedLongEnough() {
        String closedId = report("cerrado@example.mx", null);
        String openId = report("abierto@example.mx", null);
        given().header("Authorization", users.bearer("supervisor.anon", Roles.SUPERVISOR)).contentType("application/json")
                .body("{\"status\": \"DISMISSED\"}").patch("/api/v1/observations/" + closedId).then().statusCode(200);

        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        // Default retention P90D: a day after closing nothing happens, 91 days after the data is gone.
        assertThat(anonymiser.runAt(now.plusDays(1))).doesNotContain(UUID.fromString(closedId));
        assertThat(anonymiser.run()).doesNotContain(UUID.fromString(closedId));
        List<UUID> done = anonymiser.runAt(now.plus(Duration.ofDays(91)));
        assertThat(done).contains(UUID.fromString(closedId)).doesNotContain(UUID.fromString(openId));
        assertThat(anonymiser.runAt(now.plusDays(92))).doesNotContain(UUID.fromString(closedId));
        assertThat(db.count("SELECT count(*) FROM citizen_contact WHERE observation_id = ?::uuid AND email IS NULL"
                + " AND phone IS NULL AND first_name IS NULL AND last_name IS NULL AND anonymised_at IS NOT NULL", closedId)).isEqualTo(1);
        assertThat(db.string("SELECT email FROM citizen_contact WHERE observation_id = ?::uuid", openId)).isEqualTo("abierto@example.mx");
        assertThat(db.count("SELECT count(*) FROM audit_log WHERE entity_id = ? AND action = 'citizen-contact.anonymised'", closedId)).isEqualTo(1);
        // The report stays public without personal data.
        given().get("/open311/v2/requests/" + closedId + ".json").then().statusCode(200).body("[0].status", equalTo("closed"));
    }

    @Test
    void arcoExportRectifyAndEraseOneCitizensDataAsAdminOnly() {
        String email = "arco." + UUID.randomUUID().toString().substring(0, 8) + "@example.mx";
        String a = report(email, null);
        String b = report(email.toUpperCase(), null);
        String someoneElse = report("otra.persona@example.mx", null);
        String admin = users.bearer("admin.arco", Roles.ADMIN);
        String supervisor = users.bearer("supervisor.arco", Roles.SUPERVISOR);

        given().header("Authorization", supervisor).queryParam("email", email).get("/api/v1/citizen-contacts").then().statusCode(403);
        given().header("Authorization", admin).queryParam("email", email).get("/api/v1/citizen-contacts").then().statusCode(200)
                .body("items.size()", equalTo(2))
                .body("items.serviceRequestId", hasItem(a)).body("items.serviceRequestId", hasItem(b));

        given().header("Authorization", admin).contentType("application/json").body("{\"phone\": \"6629998877\"}")
                .patch("/api/v1/citizen-contacts/" + a).then().statusCode(200).body("phone", equalTo("6629998877"))
                .body("email", equalTo(email));

        given().header("Authorization", admin).contentType("application/json").body("{\"email\": \"no-es-correo\"}")
                .patch("/api/v1/citizen-contacts/" + a).then().statusCode(422).body("errors[0].field", equalTo("email"));
        given().header("Authorization", supervisor).queryParam("email", email).delete("/api/v1/citizen-contacts").then().statusCode(403);
        given().header("Authorization", admin).queryParam("email", email).queryParam("reason", "Solicitud ARCO folio 12/2026")
                .delete("/api/v1/citizen-contacts").then().statusCode(200).body("erased", equalTo(2));
        assertThat(db.count("SELECT count(*) FROM citizen_contact WHERE observation_id IN (?::uuid, ?::uuid) AND email IS NULL AND phone IS NULL", a, b))
                .isEqualTo(2);
        assertThat(db.string("SELECT email FROM citizen_contact WHERE observation_id = ?::uuid", someoneElse)).isEqualTo("otra.persona@example.mx");
        assertThat(db.count("SELECT count(*) FROM audit_log WHERE action = 'citizen-contact.erased' AND entity_id IN (?, ?)", a, b)).isEqualTo(2);
        assertThat(db.count("SELECT count(*) FROM audit_log WHERE action IN ('citizen-contact.exported', 'citizen-contact.rectified', 'citizen-contact.erased')"
                + " AND (before::text LIKE ? OR after::text LIKE ?)", "%" + email + "%", "%" + email + "%")).isZero();
        // The reports remain.
        given().get("/open311/v2/requests/" + a + ".json").then().statusCode(200);
    }
}
