package mx.implan.brujula.app.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mx.implan.brujula.app.api.FakeServer.Answer;
import mx.implan.brujula.app.api.FakeServer.Request;
import mx.implan.brujula.model.sync.PullResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SyncClientAuthTest {

    private static final String PULL = "/api/v1/sync/pull";
    private static final String TOKEN = "/api/v1/auth/token";
    private static final String REFRESH = "/api/v1/auth/refresh";
    private static final String EMPTY_PAGE = "{\"changes\":[],\"next\":\"c1\",\"hasMore\":false}";
    private static final String UNAUTHENTICATED =
            "{\"status\":401,\"code\":\"UNAUTHENTICATED\",\"detail\":\"Se requiere un token de acceso válido\"}";
    private static final String REFRESH_REFUSED =
            "{\"status\":401,\"code\":\"INVALID_REFRESH_TOKEN\",\"detail\":\"El token de renovación no es válido\"}";

    private FakeServer server;
    private ClientFixture app;

    @BeforeEach
    void start() throws Exception {
        server = new FakeServer();
        app = new ClientFixture(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Pull answers only requests carrying {@code valid} as bearer token. */
    private void pullAccepts(String valid) {
        server.on(PULL, r -> ("Bearer " + valid).equals(r.header("Authorization"))
                ? Answer.json(200, EMPTY_PAGE) : Answer.problem(401, UNAUTHENTICATED));
    }

    private static String tokens(String access, String refresh, long expiresIn) {
        return "{\"accessToken\":\"" + access + "\",\"refreshToken\":\"" + refresh + "\",\"expiresIn\":" + expiresIn + "}";
    }

    @Test
    void signInKeepsThePairAndSendsTheClientHeaders() {
        server.on(TOKEN, r -> Answer.json(200, tokens("a1", "r1", 900)));

        app.client.signIn("ana", "s3creta");

        assertThat(app.client.isSignedIn()).isTrue();
        AuthTokens kept = app.tokens.get().orElseThrow();
        assertThat(kept.accessToken()).isEqualTo("a1");
        assertThat(kept.refreshToken()).isEqualTo("r1");
        assertThat(kept.accessExpiresAt()).isEqualTo(app.clock.instant().plusSeconds(900));
        assertThat(kept.toString()).doesNotContain("a1").doesNotContain("r1");
        Request sent = server.requests(TOKEN).get(0);
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.header("Content-Type")).isEqualTo("application/json");
        assertThat(sent.header("X-Brujula-Client")).isEqualTo("mobile-app/1.4.0");
        assertThat(sent.header("Accept-Language")).isEqualTo("es-MX");
        assertThat(sent.header("Authorization")).isNull();
        assertThat(sent.json().get("username").asText()).isEqualTo("ana");
        assertThat(sent.json().get("password").asText()).isEqualTo("s3creta");
    }

    @Test
    void aWrongPasswordIsAnApiExceptionAndKeepsNothing() {
        server.on(TOKEN, r -> Answer.problem(401,
                "{\"type\":\"https://brujula.implan.mx/problems/invalid-credentials\",\"title\":\"Unauthorized\","
                        + "\"status\":401,\"detail\":\"Usuario o contraseña incorrectos\",\"code\":\"INVALID_CREDENTIALS\"}"));

        assertThatThrownBy(() -> app.client.signIn("ana", "mala"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.code()).isEqualTo("INVALID_CREDENTIALS");
                    assertThat(e.detail()).isEqualTo("Usuario o contraseña incorrectos");
                    assertThat(e).isNotInstanceOf(ClientTooOldException.class);
                });
        assertThat(app.client.isSignedIn()).isFalse();
    }

    @Test
    void withoutTokensNothingIsSent() {
        assertThatThrownBy(() -> app.client.pull(null, 10))
                .isInstanceOf(AuthenticationRequiredException.class)
                .hasMessageContaining("Not signed in");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void a401RefreshesOnceAndRetriesWithTheNewToken() {
        app.signedIn("old-access", "old-refresh");
        pullAccepts("new-access");
        server.on(REFRESH, r -> "old-refresh".equals(r.json().get("refreshToken").asText())
                ? Answer.json(200, tokens("new-access", "new-refresh", 900))
                : Answer.problem(401, REFRESH_REFUSED));

        PullResponse page = app.client.pull(null, 10);

        assertThat(page.next()).isEqualTo("c1");
        assertThat(server.requests(PULL)).extracting(r -> r.header("Authorization"))
                .containsExactly("Bearer old-access", "Bearer new-access");
        assertThat(server.requests(REFRESH)).hasSize(1);
        assertThat(server.requests(REFRESH).get(0).header("Authorization")).isNull();
        assertThat(app.tokens.get().orElseThrow().refreshToken()).isEqualTo("new-refresh");
    }

    @Test
    void aRefusedRefreshAsksForSignInAndForgetsTheDeadPair() {
        app.signedIn("old-access", "old-refresh");
        pullAccepts("never");
        server.on(REFRESH, r -> Answer.problem(401, REFRESH_REFUSED));

        assertThatThrownBy(() -> app.client.pull(null, 10))
                .isInstanceOfSatisfying(AuthenticationRequiredException.class, e ->
                        assertThat(e.serverAnswer()).get().extracting(ApiException::code).isEqualTo("INVALID_REFRESH_TOKEN"));
        assertThat(server.requests(PULL)).hasSize(1);
        assertThat(server.requests(REFRESH)).hasSize(1);
        assertThat(app.client.isSignedIn()).isFalse();
    }

    @Test
    void aRefreshThatFailsForAnotherReasonKeepsThePair() {
        app.signedIn("old-access", "old-refresh");
        pullAccepts("never");
        server.on(REFRESH, r -> Answer.problem(503, "{\"status\":503,\"code\":\"UNAVAILABLE\"}"));

        assertThatThrownBy(() -> app.client.pull(null, 10))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(503));
        assertThat(app.tokens.get().orElseThrow().refreshToken()).isEqualTo("old-refresh");
    }

    @Test
    void a401AfterRefreshingIsNotRetriedAgain() {
        app.signedIn("old-access", "old-refresh");
        pullAccepts("never");
        server.on(REFRESH, r -> Answer.json(200, tokens("new-access", "new-refresh", 900)));

        assertThatThrownBy(() -> app.client.pull(null, 10))
                .isInstanceOfSatisfying(AuthenticationRequiredException.class, e ->
                        assertThat(e.serverAnswer()).get().extracting(ApiException::code).isEqualTo("UNAUTHENTICATED"));
        assertThat(server.requests(PULL)).hasSize(2);
        assertThat(server.requests(REFRESH)).hasSize(1);
    }

    @Test
    void anAccessTokenKnownToBeExpiredIsRefreshedBeforeSending() {
        app.signedIn("old-access", "old-refresh");
        pullAccepts("new-access");
        server.on(REFRESH, r -> Answer.json(200, tokens("new-access", "new-refresh", 900)));
        app.clock.advance(Duration.ofHours(2));

        app.client.pull(null, 10);

        assertThat(server.requests(PULL)).extracting(r -> r.header("Authorization"))
                .containsExactly("Bearer new-access");
        assertThat(app.tokens.get().orElseThrow().accessExpiresAt()).isEqualTo(app.clock.instant().plusSeconds(900));
    }

    @Test
    void refreshRotatesThePairOnDemand() {
        app.signedIn("a1", "r1");
        server.on(REFRESH, r -> Answer.json(200, tokens("a2", "r2", 900)));

        app.client.refresh();

        assertThat(server.requests(REFRESH).get(0).json().get("refreshToken").asText()).isEqualTo("r1");
        assertThat(app.tokens.get().orElseThrow().accessToken()).isEqualTo("a2");
        assertThat(app.tokens.get().orElseThrow().refreshToken()).isEqualTo("r2");
    }

    @Test
    void concurrentRequestsRefusedTogetherRefreshOnlyOnce() throws Exception {
        app.signedIn("old-access", "old-refresh");
        // Both pulls must be in flight with the old token before either gets its 401.
        CountDownLatch bothArrived = new CountDownLatch(2);
        server.on(PULL, r -> {
            if ("Bearer new-access".equals(r.header("Authorization"))) {
                return Answer.json(200, EMPTY_PAGE);
            }
            bothArrived.countDown();
            bothArrived.await(5, TimeUnit.SECONDS);
            return Answer.problem(401, UNAUTHENTICATED);
        });
        AtomicInteger refreshes = new AtomicInteger();
        // Single-use refresh token, as on the real server: a second use is refused.
        server.on(REFRESH, r -> refreshes.incrementAndGet() == 1
                ? Answer.json(200, tokens("new-access", "new-refresh", 900))
                : Answer.problem(401, REFRESH_REFUSED));

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<PullResponse>> pulls = pool.invokeAll(List.of(
                    () -> app.client.pull(null, 10), () -> app.client.pull(null, 10)), 20, TimeUnit.SECONDS);
            for (Future<PullResponse> pull : pulls) {
                assertThat(pull.get().next()).isEqualTo("c1");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(refreshes).hasValue(1);
        assertThat(app.client.isSignedIn()).isTrue();
    }
}
