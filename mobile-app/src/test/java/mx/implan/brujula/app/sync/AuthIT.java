package mx.implan.brujula.app.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import mx.implan.brujula.app.api.ApiException;
import mx.implan.brujula.app.api.AuthTokens;
import mx.implan.brujula.app.api.AuthenticationRequiredException;
import mx.implan.brujula.app.api.ClientTooOldException;
import mx.implan.brujula.app.api.InMemoryTokenStore;
import mx.implan.brujula.app.api.SyncClient;
import mx.implan.brujula.model.ClientVersion;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Sign-in, token refresh and client version checks through {@link SyncClient} against the real backend. */
@ExtendWith(RunningBackend.class)
class AuthIT {

    private static final String PASSWORD = "campo-Hermosillo-2026";

    private static String inspector;
    private static BackendProcess backend;

    @BeforeAll
    static void users(BackendProcess running) {
        backend = running;
        inspector = backend.createUser("inspector", PASSWORD);
    }

    @Test
    void signInGivesAWorkingSession() {
        InMemoryTokenStore tokens = new InMemoryTokenStore();
        SyncClient app = backend.client(tokens);

        app.signIn(inspector, PASSWORD);

        assertThat(app.isSignedIn()).isTrue();
        assertThat(tokens.get().orElseThrow().accessExpiresAt()).isNotNull();
        assertThat(app.pull(null, 10).next()).isNotBlank();
    }

    @Test
    void aWrongPasswordIsA401WithItsCode() {
        SyncClient app = backend.client(new InMemoryTokenStore());

        assertThatThrownBy(() -> app.signIn(inspector, "no-es-la-clave"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.code()).isEqualTo("INVALID_CREDENTIALS");
                    assertThat(e.detail()).isNotBlank();
                });
        assertThat(app.isSignedIn()).isFalse();
    }

    @Test
    void refreshRotatesThePair() {
        InMemoryTokenStore tokens = new InMemoryTokenStore();
        SyncClient app = backend.client(tokens);
        app.signIn(inspector, PASSWORD);
        AuthTokens before = tokens.get().orElseThrow();

        app.refresh();

        AuthTokens after = tokens.get().orElseThrow();
        assertThat(after.refreshToken()).isNotEqualTo(before.refreshToken());
        assertThat(after.accessToken()).isNotEqualTo(before.accessToken());
        assertThat(app.pull(null, 10).next()).isNotBlank();
    }

    @Test
    void aUsedRefreshTokenEndsTheSessionEverywhere() {
        InMemoryTokenStore tokens = new InMemoryTokenStore();
        SyncClient app = backend.client(tokens);
        app.signIn(inspector, PASSWORD);
        AuthTokens before = tokens.get().orElseThrow();
        app.refresh();
        AuthTokens after = tokens.get().orElseThrow();

        // A copy of the old pair (another device, a restored backup) presents the used refresh token.
        InMemoryTokenStore copy = new InMemoryTokenStore(new AuthTokens("not-a-valid-jwt", before.refreshToken(), null));
        SyncClient copied = backend.client(copy);
        assertThatThrownBy(() -> copied.pull(null, 10))
                .isInstanceOfSatisfying(AuthenticationRequiredException.class, e ->
                        assertThat(e.serverAnswer()).get().satisfies(answer -> {
                            assertThat(answer.status()).isEqualTo(401);
                            assertThat(answer.code()).isEqualTo("INVALID_REFRESH_TOKEN");
                        }));
        assertThat(copied.isSignedIn()).isFalse();

        // The server treats the reuse as theft and revokes the sign-in's refresh family: once the rightful app's
        // access token is refused, it cannot refresh either and must ask the user to sign in.
        tokens.put(new AuthTokens("expired.access.token", after.refreshToken(), null));
        assertThatThrownBy(() -> app.pull(null, 10)).isInstanceOf(AuthenticationRequiredException.class);
        assertThat(app.isSignedIn()).isFalse();

        app.signIn(inspector, PASSWORD);
        assertThat(app.pull(null, 10).next()).isNotBlank();
    }

    @Test
    void aRefusedAccessTokenIsRenewedTransparently() {
        InMemoryTokenStore tokens = new InMemoryTokenStore();
        SyncClient app = backend.client(tokens);
        app.signIn(inspector, PASSWORD);
        AuthTokens good = tokens.get().orElseThrow();
        // As if the access token had expired: the server answers 401 and the client refreshes once.
        tokens.put(new AuthTokens("expired.or.garbage", good.refreshToken(), null));

        assertThat(app.pull(null, 10).next()).isNotBlank();

        AuthTokens renewed = tokens.get().orElseThrow();
        assertThat(renewed.accessToken()).isNotEqualTo("expired.or.garbage");
        assertThat(renewed.refreshToken()).isNotEqualTo(good.refreshToken());
    }

    @Test
    void anAppTooOldForTheServerGetsAClearException() {
        SyncClient old = backend.client(ClientVersion.parse("mobile-app/0.0.1").orElseThrow(), new InMemoryTokenStore());

        assertThatThrownBy(() -> old.signIn(inspector, PASSWORD))
                .isInstanceOfSatisfying(ClientTooOldException.class, e -> {
                    assertThat(e.status()).isEqualTo(426);
                    assertThat(e.code()).isEqualTo("CLIENT_TOO_OLD");
                    assertThat(e.minClientVersion()).isPresent();
                    assertThat(e.getMessage()).contains("426").contains("CLIENT_TOO_OLD");
                });
        assertThat(old.isSignedIn()).isFalse();
    }
}
