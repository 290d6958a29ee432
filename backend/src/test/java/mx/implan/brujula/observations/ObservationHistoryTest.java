package mx.implan.brujula.observations;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import mx.implan.brujula.audit.AuditTrail;
import mx.implan.brujula.auth.Roles;
import mx.implan.brujula.testing.Db;
import mx.implan.brujula.testing.Items;
import mx.implan.brujula.testing.TestUsers;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * The observation detail's history: staff see every audited change linked to the observation,
 * whatever feature wrote it, with who and before/after; authors see theirs without other
 * people's names; staff alone see a citizen reporter's contact data.
 */
@QuarkusTest
class ObservationHistoryTest {

    @Inject
    TestUsers users;
    @Inject
    AuditTrail audit;
    @Inject
    Db db;

    @Test
    void staffSeeEveryLinkedAuditEntryAndAuthorsSeeThemWithoutOtherPeoplesNames() {
        String author = "insp-hist-" + System.nanoTime();
        String inspector = users.bearer(author, Roles.INSPECTOR);
        String supervisor = users.bearer("sup-hist", Roles.SUPERVISOR);
        UUID id = UUID.randomUUID();
        given().header("Authorization", inspector).contentType(ContentType.JSON).body(Items.batch(Items.risk(id)))
                .post("/api/v1/sync/push").then().statusCode(200).body("results[0].status", equalTo("CREATED"));
        given().header("Authorization", supervisor).contentType(ContentType.JSON)
                .body(Map.of("status", "VERIFIED", "reason", "Confirmado en sitio"))
                .patch("/api/v1/observations/" + id).then().statusCode(200);
        // An entry about another entity (as photo moderation writes one) linked by observationId.
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("observationId", id.toString());
        after.put("decision", "APPROVED");
        after.put("moderatorNote", "Revisado por sup-hist");
        QuarkusTransaction.requiringNew().run(() ->
                audit.record("sup-hist", "photo.moderated", "attachment", "ab".repeat(32), Map.of("decision", "PENDING"), after));

        JsonPath staff = given().header("Authorization", supervisor).get("/api/v1/observations/" + id)
                .then().statusCode(200).extract().jsonPath();
        assertThat(staff.getList("audit.action", String.class)).containsExactly("observation.status", "photo.moderated");
        assertThat(staff.getString("audit[0].actor")).isEqualTo("sup-hist");
        assertThat(staff.getString("audit[0].before.status")).isEqualTo("REPORTED");
        assertThat(staff.getString("audit[0].after.status")).isEqualTo("VERIFIED");
        assertThat(staff.getString("audit[0].after.reason")).isEqualTo("Confirmado en sitio");
        assertThat(staff.getString("audit[0].at")).isNotNull();
        assertThat(staff.getString("audit[1].entityType")).isEqualTo("attachment");
        assertThat(staff.getString("audit[1].after.moderatorNote")).isEqualTo("Revisado por sup-hist");
        assertThat(staff.getList("history.actor", String.class)).containsExactly(author, "sup-hist");
        assertThat(staff.getString("contact")).isNull();

        String own = given().header("Authorization", inspector).get("/api/v1/observations/" + id)
                .then().statusCode(200).extract().asString();
        JsonPath mine = JsonPath.from(own);
        assertThat(own).doesNotContain("sup-hist");
        assertThat(mine.getList("audit.action", String.class)).containsExactly("observation.status", "photo.moderated");
        assertThat(mine.getString("audit[0].actor")).isNull();
        assertThat(mine.getString("audit[0].after.status")).isEqualTo("VERIFIED");
        assertThat(mine.getString("audit[1].after.decision")).isEqualTo("APPROVED");
        assertThat(mine.getMap("audit[1].after")).doesNotContainKey("moderatorNote");
        assertThat(mine.getList("history.actor")).containsExactly(author, null);

        // Another inspector reads nothing of it.
        given().header("Authorization", users.bearer("insp-hist-other", Roles.INSPECTOR)).get("/api/v1/observations/" + id)
                .then().statusCode(404);
    }

    @Test
    void staffSeeTheReportersContactDataInTheDetailAndNobodyElseDoes() {
        String citizen = users.bearer("ciudadana.hist", Roles.CITIZEN);
        String id = given().contentType("application/x-www-form-urlencoded; charset=UTF-8").header("Authorization", citizen)
                .formParam("service_code", "RISK_CABLEADO").formParam("lat", "29.101").formParam("long", "-110.99")
                .formParam("description", "Cable colgando").formParam("first_name", "Marisol")
                .formParam("email", "marisol.hist@example.mx").formParam("phone", "6629876543")
                .post("/open311/v2/requests.json").then().statusCode(201).extract().path("[0].service_request_id");

        JsonPath staff = given().header("Authorization", users.bearer("admin-hist", Roles.ADMIN)).get("/api/v1/observations/" + id)
                .then().statusCode(200).extract().jsonPath();
        assertThat(staff.getString("contact.email")).isEqualTo("marisol.hist@example.mx");
        assertThat(staff.getString("contact.firstName")).isEqualTo("Marisol");
        assertThat(staff.getString("contact.phone")).isEqualTo("6629876543");
        assertThat(db.count("SELECT count(*) FROM audit_log WHERE observation_id = CAST(? AS uuid) AND action = 'citizen-contact.read'"
                + " AND actor = 'admin-hist'", id)).isEqualTo(1);

        String own = given().header("Authorization", citizen).get("/api/v1/observations/" + id)
                .then().statusCode(200).extract().asString();
        assertThat(own).doesNotContain("marisol.hist").doesNotContain("6629876543").doesNotContain("admin-hist");
        assertThat(JsonPath.from(own).getMap("$")).doesNotContainKey("contact");
        // The disclosure itself is in the citizen's history, without the reader's name.
        assertThat(JsonPath.from(own).getList("audit.action", String.class)).contains("citizen-contact.read");
        given().get("/open311/v2/requests/" + id + ".json").then().statusCode(200)
                .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("marisol")));
    }
}
