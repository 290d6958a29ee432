package mx.implan.brujula.http;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import mx.implan.brujula.auth.AppUser;
import mx.implan.brujula.auth.AuthFixtures;
import mx.implan.brujula.auth.Roles;
import mx.implan.brujula.auth.UserService;
import mx.implan.brujula.testing.RawHttp;
import mx.implan.brujula.testing.TestUsers;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a client that stops sending gets, phase by phase, with a short idle timeout (2 s) so the
 * cases run quickly: a body that stops arriving is answered 408 in the path's format; the
 * server's own slowness is never the client's timeout; a steady slow sender is served.
 */
@QuarkusTest
@TestProfile(SlowClientsTest.ShortIdleTimeout.class)
class SlowClientsTest {

    static final int IDLE_SECONDS = 2;

    public static class ShortIdleTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.idle-timeout", IDLE_SECONDS + "S");
        }
    }

    @TestHTTPResource("/")
    URL base;
    @Inject
    TestUsers users;
    @Inject
    UserService userService;
    @Inject
    AgroalDataSource dataSource;

    private String head(String method, String path, String contentType, long length, String bearer) {
        return method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + contentType + "\r\n"
                + (bearer == null ? "" : "Authorization: " + bearer + "\r\n")
                + "Content-Length: " + length + "\r\n\r\n";
    }

    @Test
    void aPushWhoseBodyStopsArrivingGets408ProblemAndTheConnectionCloses() {
        String bearer = users.bearer("insp-slow", Roles.INSPECTOR);
        try (RawHttp http = RawHttp.connect(base, 20_000)) {
            String answer = http.send(head("POST", "/api/v1/sync/push", "application/json", 100, bearer) + "{\"deviceId\":")
                    .readToClose();
            assertThat(answer).startsWith("HTTP/1.1 408").containsIgnoringCase("content-type: application/problem+json")
                    .containsIgnoringCase("connection: close")
                    .contains("\"code\":\"REQUEST_TIMEOUT\"").contains("\"instance\":\"/api/v1/sync/push\"")
                    .contains("se recibieron 12 bytes");
        }
    }

    @Test
    void anOpen311FormThatNeverComesGets408InTheGeoReportFormat() {
        try (RawHttp http = RawHttp.connect(base, 20_000)) {
            String answer = http.send("POST /open311/v2/requests.json HTTP/1.1\r\nHost: localhost\r\nAccept-Language: en\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 2000\r\n\r\nservice_code=").readToClose();
            assertThat(answer).startsWith("HTTP/1.1 408").containsIgnoringCase("content-type: application/json")
                    .contains("[{\"code\":408,\"description\":\"The body stopped arriving (13 bytes received)\"}]");
        }
    }

    @Test
    void aHalfSentRequestHeadIsClosedAfterTheIdleTimeout() {
        try (RawHttp http = RawHttp.connect(base, 20_000)) {
            // No request exists yet, so there is no path to answer in: the connection is just closed.
            assertThat(http.send("POST /api/v1/auth/token HTTP/1.1\r\nHost: localhost\r\nContent-Ty").readToClose()).isEmpty();
        }
    }

    @Test
    void aKeptAliveConnectionLeftIdleIsClosed() {
        try (RawHttp http = RawHttp.connect(base, 20_000)) {
            String answer = http.send("GET /q/health/live HTTP/1.1\r\nHost: localhost\r\n\r\n").readToClose();
            assertThat(answer).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void aSteadySlowSenderIsServedAlthoughTheWholeBodyTakesLongerThanTheTimeout() throws Exception {
        String body = "{\"username\":\"nadie-lento\",\"password\":\"una clave cualquiera\"}";
        try (RawHttp http = RawHttp.connect(base, 20_000)) {
            http.send(head("POST", "/api/v1/auth/token", "application/json", body.length(), null));
            int pieces = 8;
            int step = body.length() / pieces + 1;
            for (int i = 0; i < body.length(); i += step) {
                Thread.sleep(IDLE_SECONDS * 1000L / 3); // each pause well under the timeout, all of them over it
                http.send(body.substring(i, Math.min(body.length(), i + step)));
            }
            String answer = http.readAnswer();
            assertThat(answer).startsWith("HTTP/1.1 401").contains("\"code\":\"INVALID_CREDENTIALS\"");
        }
    }

    @Test
    void theServersOwnWorkIsNotTimedOutHoweverLongItTakes() throws Exception {
        AppUser target = AuthFixtures.newUser(userService, Roles.CITIZEN);
        String admin = users.bearer("admin-slow", Roles.ADMIN);
        String body = "{\"displayName\":\"Paciente\"}";
        try (Connection lock = dataSource.getConnection(); RawHttp http = RawHttp.connect(base, 30_000)) {
            lock.setAutoCommit(false);
            try (PreparedStatement ps = lock.prepareStatement("SELECT 1 FROM app_user WHERE id = ? FOR UPDATE")) {
                ps.setObject(1, target.id);
                ps.executeQuery();
            }
            http.send(head("PATCH", "/api/v1/admin/users/" + target.id, "application/json", body.length(), admin) + body);
            CompletableFuture<String> answer = CompletableFuture.supplyAsync(http::readAnswer);
            // The update waits on the row lock for three idle timeouts: the server's wait, not the client's.
            await().during(Duration.ofSeconds(3L * IDLE_SECONDS)).atMost(Duration.ofSeconds(3L * IDLE_SECONDS + 10))
                    .pollInterval(Duration.ofMillis(200)).until(() -> !answer.isDone());
            lock.commit();
            assertThat(answer.get()).startsWith("HTTP/1.1 200").contains("\"displayName\":\"Paciente\"");
        }
    }
}
