package mx.implan.brujula.citizen;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import mx.implan.brujula.auth.Roles;
import mx.implan.brujula.testing.Db;
import mx.implan.brujula.testing.TestUsers;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** A report of the same service within 50 m (geodesic) of an open one is linked to it; both are kept. */
@QuarkusTest
class NearbyDuplicateTest {

    @Inject
    Db db;
    @Inject
    TestUsers users;

    @Test
    void reportWithin50mOfAnOpenOneIsLinkedFlaggedAndTheReporterTold() {
        double[] p = Reports.somewhere();
        String first = post("URBAN_IMAGE_BACHE", p);
        Map<String, String> form = Reports.form("URBAN_IMAGE_BACHE", Reports.north(p, 40));
        String second = Reports.post(form).post("/open311/v2/requests.json").then().statusCode(201)
                .body("[0].service_notice", containsString(first))
                .extract().path("[0].service_request_id");
        assertThat(second).isNotEqualTo(first);
        assertThat(db.string("SELECT duplicate_of::text FROM citizen_report WHERE observation_id = ?::uuid", second)).isEqualTo(first);
        assertThat(db.string("SELECT array_to_string(flags, ',') FROM observation WHERE id = ?::uuid", second)).contains("DUPLICATE_NEARBY");
        assertThat(db.count("SELECT count(*) FROM observation WHERE id IN (?::uuid, ?::uuid)", first, second)).isEqualTo(2);
        // The flag is a new revision devices can pull, and it is audited.
        assertThat(db.count("SELECT count(*) FROM observation_revision WHERE observation_id = ?::uuid AND change = 'FLAGS'", second)).isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM audit_log WHERE entity_id = ? AND action = 'citizen-report.duplicate-linked'", second)).isEqualTo(1);
        given().get("/open311/v2/requests/" + second + ".json").then().body("[0].status_notes", containsString(first));
        // The answer says so in the spec's XML too.
        String third = Reports.post(Reports.form("URBAN_IMAGE_BACHE", Reports.north(p, 10))).post("/open311/v2/requests.xml")
                .then().statusCode(201).body("service_requests.request.service_notice", containsString(first))
                .extract().xmlPath().getString("service_requests.request.service_request_id");
        assertThat(db.string("SELECT duplicate_of::text FROM citizen_report WHERE observation_id = ?::uuid", third)).isEqualTo(first);
    }

    @Test
    void sixtyMetresApartIsNotLinked() {
        double[] p = Reports.somewhere();
        post("RISK_ARBOL_EN_RIESGO", p);
        String far = Reports.post(Reports.form("RISK_ARBOL_EN_RIESGO", Reports.north(p, 60))).post("/open311/v2/requests.json")
                .then().statusCode(201).body("[0].service_notice", nullValue())
                .extract().path("[0].service_request_id");
        assertThat(db.string("SELECT duplicate_of::text FROM citizen_report WHERE observation_id = ?::uuid", far)).isNull();
        assertThat(db.string("SELECT array_to_string(flags, ',') FROM observation WHERE id = ?::uuid", far)).doesNotContain("DUPLICATE_NEARBY");
    }

    @Test
    void anotherServiceOrAClosedReportIsNotADuplicate() {
        double[] p = Reports.somewhere();
        String closed = post("URBAN_IMAGE_MOBILIARIO", p);
        given().header("Authorization", users.bearer("supervisor.dup", Roles.SUPERVISOR)).contentType("application/json")
                .body("{\"status\": \"DISMISSED\"}").patch("/api/v1/observations/" + closed).then().statusCode(200);
        String again = post("URBAN_IMAGE_MOBILIARIO", Reports.north(p, 5));
        String otherService = post("URBAN_IMAGE_FACHADA", Reports.north(p, 5));
        assertThat(db.string("SELECT duplicate_of::text FROM citizen_report WHERE observation_id = ?::uuid", again)).isNull();
        assertThat(db.string("SELECT duplicate_of::text FROM citizen_report WHERE observation_id = ?::uuid", otherService)).isNull();
    }

    @Test
    void theDuplicateSearchCanUseTheGeographyIndex() throws java.sql.SQLException {
        StringBuilder plan = new StringBuilder();
        try (var c = db.connection()) {
            c.setAutoCommit(false);
            try (var s = c.createStatement()) {
                // Only for this transaction: a tiny test table would otherwise be scanned sequentially.
                s.execute("SET LOCAL enable_seqscan = off");
                var rs = s.executeQuery("""
                        EXPLAIN SELECT o.id FROM observation o
                        WHERE o.kind IN ('RISK', 'URBAN_IMAGE') AND o.kind = 'URBAN_IMAGE'
                          AND ST_DWithin(o.geom::geography, ST_SetSRID(ST_MakePoint(-110.96, 29.07), 4326)::geography, 50)""");
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
        assertThat(plan.toString()).contains("observation_report_geog_gix");
    }

    private static String post(String service, double[] p) {
        return Reports.post(Reports.form(service, p)).post("/open311/v2/requests.json").then().statusCode(201)
                .extract().path("[0].service_request_id");
    }
}
