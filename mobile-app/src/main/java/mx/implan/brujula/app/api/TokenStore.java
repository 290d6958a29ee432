package mx.implan.brujula.app.api;

import java.util.Optional;

/**
 * Where the client keeps its token pair. An interface because where tokens may live is a device concern:
 * memory for now and for tests, encrypted platform storage once the app has a UI. Implementations must be
 * safe for use from several threads (the sync engine may push and pull concurrently).
 */
public interface TokenStore {

    /** The current pair, empty when signed out. */
    Optional<AuthTokens> get();

    /** Replaces the pair (after sign-in or a refresh; refresh tokens are single-use, so the old pair is dead). */
    void put(AuthTokens tokens);

    /** Forgets the pair (sign-out, or the server no longer accepts the refresh token). */
    void clear();
}
