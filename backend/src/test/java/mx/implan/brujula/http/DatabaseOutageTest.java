package mx.implan.brujula.http;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import mx.implan.brujula.auth.Roles;
import mx.implan.brujula.testing.CuttableProxy;
import mx.implan.brujula.testing.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * The real PostgreSQL becomes unreachable under the running backend (its connections dropped, new
 * ones refused, as in a restart or a network cut) and comes back: meanwhile every request is 503
 * {@code DATABASE_UNAVAILABLE} with {@code Retry-After} — signed-in requests included, whose token
 * check needs the database — and readiness is DOWN; afterwards everything answers again.
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

    @AfterEach
    void databaseBack() {
        ProxiedDatabase.proxy.restore();
    }

    @Test
    void whileTheDatabaseIsUnreachableRequestsAre503WithRetryAfterAndReadinessIsDown() {
        String inspector = users.bearer("insp-outage", Roles.INSPECTOR);
        given().header("Authorization", inspector).get("/api/v1/zones?limit=1").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);

        ProxiedDatabase.proxy.cut();

        for (int i = 0; i < 3; i++) {
            unavailable(given().header("Authorization", inspector).get("/api/v1/zones?limit=1"));
            unavailable(given().header("Authorization", inspector).get("/api/v1/observations?limit=1"));
            unavailable(given().contentType("application/json").body("{\"username\":\"insp-outage\",\"password\":\"x-y-z-w-1\"}")
                    .post("/api/v1/auth/token"));
        }
        given().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
        given().get("/q/health/live").then().statusCode(200);

        ProxiedDatabase.proxy.restore();

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                given().header("Authorization", inspector).get("/api/v1/zones?limit=1").then().statusCode(200));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    private static void unavailable(Response r) {
        r.then().statusCode(503).contentType("application/problem+json").body("code", equalTo("DATABASE_UNAVAILABLE"));
        assertThat(r.header("Retry-After")).isEqualTo(Integer.toString(DatabaseOutage.RETRY_AFTER_SECONDS));
        assertThat(r.asString()).doesNotContain("Exception").doesNotContain("org.postgresql");
    }
}
