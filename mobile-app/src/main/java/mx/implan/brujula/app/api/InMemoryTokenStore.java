package mx.implan.brujula.app.api;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** Keeps tokens in memory only: a restart means signing in again. Until the UI adds encrypted storage. */
public final class InMemoryTokenStore implements TokenStore {

    private final AtomicReference<AuthTokens> tokens = new AtomicReference<>();

    public InMemoryTokenStore() {
    }

    /** Starts with a pair already present (tests, or a pair migrated from elsewhere). */
    public InMemoryTokenStore(AuthTokens initial) {
        tokens.set(Objects.requireNonNull(initial, "initial"));
    }

    @Override
    public Optional<AuthTokens> get() {
        return Optional.ofNullable(tokens.get());
    }

    @Override
    public void put(AuthTokens tokens) {
        this.tokens.set(Objects.requireNonNull(tokens, "tokens"));
    }

    @Override
    public void clear() {
        tokens.set(null);
    }
}
