package mx.implan.brujula.app.api;

import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import mx.implan.brujula.model.auth.RefreshRequest;
import mx.implan.brujula.model.auth.TokenRequest;
import mx.implan.brujula.model.auth.TokenResponse;

/**
 * Sign-in and token refresh, and sending a request with the current access token. Refresh tokens rotate and
 * are single-use, so two threads refreshing with the same one would make the second fail and sign the user
 * out: refreshing is serialised, and a thread that finds the pair already replaced uses the new one instead.
 */
final class Session {

    /** Refresh this long before the known expiry: the request must still be valid when it reaches the server. */
    private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(30);

    private final ApiTransport transport;
    private final TokenStore store;
    private final Clock clock;
    private final Object refreshLock = new Object();

    Session(ApiTransport transport, TokenStore store, Clock clock) {
        this.transport = transport;
        this.store = store;
        this.clock = clock;
    }

    void signIn(String username, String password) {
        byte[] body = transport.json(new TokenRequest(username, password));
        Reply reply = transport.send(transport.post("api/v1/auth/token", body, null));
        // A wrong password is an ApiException (401 INVALID_CREDENTIALS), not AuthenticationRequired: the
        // user is already at the sign-in step.
        TokenResponse tokens = transport.read(reply, TokenResponse.class);
        synchronized (refreshLock) {
            store.put(toTokens(tokens));
        }
    }

    boolean isSignedIn() {
        return store.get().isPresent();
    }

    void signOut() {
        synchronized (refreshLock) {
            store.clear();
        }
    }

    /** Forces a refresh now (rotation), whatever the expiry says. */
    void refresh() {
        refresh(current());
    }

    /**
     * Sends {@code request(accessToken)}; on 401 refreshes once and sends again. A second 401 (or a refused
     * refresh) ends in {@link AuthenticationRequiredException}; any other answer is returned as is.
     */
    Reply send(Function<String, HttpRequest> request) {
        AuthTokens tokens = current();
        boolean refreshed = false;
        if (tokens.expiresWithin(clock.instant(), EXPIRY_MARGIN)) {
            // Known to be expired: a request with it would only earn a 401 and cost a round trip on a slow link.
            tokens = refresh(tokens);
            refreshed = true;
        }
        Reply reply = transport.send(request.apply(tokens.accessToken()));
        if (reply.status() != 401) {
            return reply;
        }
        if (!refreshed) {
            tokens = refresh(tokens);
            reply = transport.send(request.apply(tokens.accessToken()));
            if (reply.status() != 401) {
                return reply;
            }
        }
        throw new AuthenticationRequiredException("The server refused a freshly refreshed access token; sign in again",
                transport.error(reply));
    }

    private AuthTokens current() {
        return store.get().orElseThrow(() -> new AuthenticationRequiredException("Not signed in", null));
    }

    /** Refreshes the pair that {@code used} belonged to, unless another thread already did. */
    private AuthTokens refresh(AuthTokens used) {
        synchronized (refreshLock) {
            AuthTokens current = current();
            if (!current.accessToken().equals(used.accessToken())) {
                return current;
            }
            byte[] body = transport.json(new RefreshRequest(current.refreshToken()));
            Reply reply = transport.send(transport.post("api/v1/auth/refresh", body, null));
            if (reply.status() == 400 || reply.status() == 401 || reply.status() == 403) {
                // The refresh token is dead (expired, revoked, already used): keeping it would only repeat
                // this failure on every sync attempt. Unsent work stays in the journal for after sign-in.
                store.clear();
                throw new AuthenticationRequiredException("The session has ended; sign in again", transport.error(reply));
            }
            // Other failures (5xx, 426, no network) leave the pair alone: it may still be valid later.
            AuthTokens next = toTokens(transport.read(reply, TokenResponse.class));
            store.put(next);
            return next;
        }
    }

    private AuthTokens toTokens(TokenResponse response) {
        if (response.accessToken() == null || response.refreshToken() == null) {
            throw new UnexpectedResponseException("The token answer lacks accessToken or refreshToken");
        }
        Instant expiresAt = response.expiresIn() > 0 ? clock.instant().plusSeconds(response.expiresIn()) : null;
        return new AuthTokens(response.accessToken(), response.refreshToken(), expiresAt);
    }
}
