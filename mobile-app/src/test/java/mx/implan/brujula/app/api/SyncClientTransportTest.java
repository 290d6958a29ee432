package mx.implan.brujula.app.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import mx.implan.brujula.app.api.FakeServer.Answer;
import mx.implan.brujula.model.ClientVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Error answers that are not about sync semantics: old app, odd bodies, no answer at all. */
class SyncClientTransportTest {

    private static final String PULL = "/api/v1/sync/pull";

    private FakeServer server;

    @BeforeEach
    void start() throws Exception {
        server = new FakeServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void anOutdatedAppGetsAClearException() {
        server.on("/api/v1/auth/token", r -> Answer.problem(426, """
                {"type":"https://brujula.implan.mx/problems/client-too-old","title":"Upgrade Required","status":426,
                 "detail":"This app version (mobile-app/0.0.1) is too old; update to 1.0.0 or newer",
                 "code":"CLIENT_TOO_OLD","minClientVersion":"1.0.0"}"""));
        ClientFixture app = new ClientFixture(server, Locale.ENGLISH, Timeouts.DEFAULT);

        assertThatThrownBy(() -> app.client.signIn("ana", "x"))
                .isInstanceOfSatisfying(ClientTooOldException.class, e -> {
                    assertThat(e.status()).isEqualTo(426);
                    assertThat(e.code()).isEqualTo("CLIENT_TOO_OLD");
                    assertThat(e.minClientVersion()).contains("1.0.0");
                    assertThat(e.getMessage()).contains("update to 1.0.0");
                });
        assertThat(server.requests().get(0).header("Accept-Language")).isEqualTo("en");
    }

    @Test
    void a426DuringSyncIsNotMistakenForAnExpiredSession() {
        server.on(PULL, r -> Answer.problem(426, "{\"status\":426,\"code\":\"CLIENT_TOO_OLD\",\"minClientVersion\":\"2.0.0\"}"));
        ClientFixture app = new ClientFixture(server).signedIn("a", "r");

        assertThatThrownBy(() -> app.client.pull(null, 10)).isInstanceOf(ClientTooOldException.class);
        assertThat(app.client.isSignedIn()).isTrue();
        assertThat(server.requests("/api/v1/auth/refresh")).isEmpty();
    }

    @Test
    void anErrorPageThatIsNotAProblemKeepsStatusAndAnExcerpt() {
        server.on(PULL, r -> new Answer(502, "text/html", "<html><body>Bad Gateway</body></html>"));
        ClientFixture app = new ClientFixture(server).signedIn("a", "r");

        assertThatThrownBy(() -> app.client.pull(null, 10))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(502);
                    assertThat(e.code()).isEqualTo("HTTP_502");
                    assertThat(e.detail()).contains("Bad Gateway");
                    assertThat(e.errors()).isEmpty();
                });
    }

    @Test
    void anEmptyErrorBodyStillHasStatusAndCode() {
        server.on(PULL, r -> new Answer(503, null, null));
        ClientFixture app = new ClientFixture(server).signedIn("a", "r");

        assertThatThrownBy(() -> app.client.pull(null, 10))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.code()).isEqualTo("HTTP_503");
                    assertThat(e.detail()).isNull();
                });
    }

    @Test
    void anUnreadableSuccessIsAnUnexpectedResponse() {
        server.on(PULL, r -> Answer.json(200, "{\"changes\": [oops"));
        ClientFixture app = new ClientFixture(server).signedIn("a", "r");

        assertThatThrownBy(() -> app.client.pull(null, 10)).isInstanceOf(UnexpectedResponseException.class);
    }

    @Test
    void redirectsAreNotFollowedSoTheTokenStaysHome() throws Exception {
        try (FakeServer elsewhere = new FakeServer()) {
            elsewhere.on(PULL, r -> Answer.json(200, "{\"changes\":[],\"next\":\"x\",\"hasMore\":false}"));
            server.on(PULL, r -> new Answer(302, null, null,
                    java.util.Map.of("Location", elsewhere.uri().resolve("api/v1/sync/pull?limit=10").toString())));
            ClientFixture app = new ClientFixture(server).signedIn("secret-token", "r");

            assertThatThrownBy(() -> app.client.pull(null, 10))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(302));
            assertThat(elsewhere.requests()).isEmpty();
        }
    }

    @Test
    void noServerIsATransportException() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        SyncClient client = new SyncClient(URI.create("http://127.0.0.1:" + port + "/"),
                ClientFixture.VERSION, Locale.ROOT, new InMemoryTokenStore(),
                new MutableClock(Instant.parse("2026-11-25T17:15:00Z")));

        assertThatThrownBy(() -> client.signIn("ana", "x"))
                .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.isTimeout()).isFalse());
    }

    @Test
    void aSlowServerTimesOut() {
        server.on(PULL, r -> {
            Thread.sleep(2_000);
            return Answer.json(200, "{\"changes\":[],\"next\":\"x\",\"hasMore\":false}");
        });
        ClientFixture app = new ClientFixture(server, Locale.ROOT,
                new Timeouts(Duration.ofSeconds(2), Duration.ofMillis(300))).signedIn("a", "r");

        assertThatThrownBy(() -> app.client.pull(null, 10))
                .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.isTimeout()).isTrue());
    }

    @Test
    void theClientHeaderCarriesTheAppVersion() {
        server.on(PULL, r -> Answer.json(200, "{\"changes\":[],\"next\":\"x\",\"hasMore\":false}"));
        SyncClient client = new SyncClient(server.uri(), ClientVersion.parse("mobile-app/2.3.4-rc1").orElseThrow(),
                Locale.forLanguageTag("es"), new InMemoryTokenStore(new AuthTokens("a", "r", null)),
                new MutableClock(Instant.parse("2026-11-25T17:15:00Z")));

        client.pull(null, 1);

        assertThat(server.requests().get(0).header("X-Brujula-Client")).isEqualTo("mobile-app/2.3.4");
        assertThat(server.requests().get(0).header("Accept-Language")).isEqualTo("es");
    }
}
