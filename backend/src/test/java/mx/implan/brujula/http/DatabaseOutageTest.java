package mx.implan.brujula.http;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import mx.implan.brujula.auth.Roles;
import mx.implan.brujula.testing.CuttableProxy;
import mx.implan.brujula.testing.Db;
import mx.implan.brujula.testing.Items;
import mx.implan.brujula.testing.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * The real PostgreSQL becomes unreachable under the running backend (its connections dropped, new
 * ones refused, as in a restart or a network cut) and comes back: meanwhile every request is 503
 * {@code DATABASE_UNAVAILABLE} with {@code Retry-After} — signed-in requests included, whose token
 * check needs the database, a whole sync push and Open311 (in the spec's error format) included — and readiness
 * is DOWN; afterwards everything answers again and nothing of the refused push was stored.
 */
@QuarkusTest
@TestProfile(DatabaseOutageTest.DatabaseBehindAProxy.class)
class DatabaseOutageTest {

    public static class DatabaseBehindAProxy implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ProxiedDatabase.class));
        }
    }

    /** Starts the proxy before the backend and points the datasource through it. */
    public static class ProxiedDatabase implements QuarkusTestResourceLifecycleManager {
        static CuttableProxy proxy;

        @Override
        public Map<String, String> start() {
            String host = env("BRUJULA_DB_HOST", "127.0.0.1");
            proxy = new CuttableProxy(host, Integer.parseInt(env("BRUJULA_DB_PORT", "5432")));
            return Map.of("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/"
                    + env("BRUJULA_TEST_DB_NAME", "brujula_test"));
        }

        @Override
        public void stop() {
            proxy.close();
        }

        private static String env(String name, String fallback) {
            String value = System.getenv(name);
            return value == null || value.isBlank() ? fallback : value;
        }
    }

    @Inject
    TestUsers users;
    @Inject
    Db db;

    @AfterEach
    void databaseBack() {
        ProxiedDatabase.proxy.restore();
    }

    @Test
    void whileTheDatabaseIsUnreachableRequestsAre503WithRetryAfterAndReadinessIsDown() {
        String inspector = users.bearer("insp-outage", Roles.INSPECTOR);
        given().header("Authorization", inspector).get("/api/v1/zones?limit=1").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);

        UUID pushed = UUID.randomUUID();

        ProxiedDatabase.proxy.cut();

        for (int i = 0; i < 3; i++) {
            unavailable(given().header("Authorization", inspector).get("/api/v1/zones?limit=1"));
            unavailable(given().header("Authorization", inspector).get("/api/v1/observations?limit=1"));
            unavailable(given().contentType("application/json").body("{\"username\":\"insp-outage\",\"password\":\"x-y-z-w-1\"}")
                    .post("/api/v1/auth/token"));
            // The whole push waits, rather than 500 or every item FAILED: the device keeps its queue and retries.
            unavailable(given().header("Authorization", inspector).contentType("application/json")
                    .body(Items.batch(Items.risk(pushed))).post("/api/v1/sync/push"));
            // Open311 clients get the same answer in the spec's error format.
            Response report = given().contentType("application/x-www-form-urlencoded; charset=UTF-8")
                    .formParams(Map.of("service_code", "URBAN_IMAGE_BACHE", "lat", "29.07", "long", "-110.96",
                            "description", "Bache durante la caída"))
                    .post("/open311/v2/requests.json");
            open311Unavailable(report, "application/json");
            report.then().body("[0].code", equalTo(503));
            Response listed = given().get("/open311/v2/requests.xml");
            open311Unavailable(listed, "text/xml");
            listed.then().body("errors.error.code", equalTo("503"));
        }
        given().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
        given().get("/q/health/live").then().statusCode(200);

        ProxiedDatabase.proxy.restore();

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                given().header("Authorization", inspector).get("/api/v1/zones?limit=1").then().statusCode(200));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        assertThat(db.count("SELECT count(*) FROM observation WHERE id = ?", pushed)).isZero();
        assertThat(db.count("SELECT count(*) FROM applied_op WHERE observation_id = ?", pushed)).isZero();
    }

    private static void open311Unavailable(Response r, String type) {
        r.then().statusCode(503).contentType(type);
        assertThat(r.header("Retry-After")).isEqualTo(Integer.toString(DatabaseOutage.RETRY_AFTER_SECONDS));
        assertThat(r.asString()).doesNotContain("problem").doesNotContain("DATABASE_UNAVAILABLE")
                .doesNotContain("Exception").doesNotContain("org.postgresql");
    }

    private static void unavailable(Response r) {
        r.then().statusCode(503).contentType("application/problem+json").body("code", equalTo("DATABASE_UNAVAILABLE"));
        assertThat(r.header("Retry-After")).isEqualTo(Integer.toString(DatabaseOutage.RETRY_AFTER_SECONDS));
        assertThat(r.asString()).doesNotContain("Exception").doesNotContain("org.postgresql");
    }
}
