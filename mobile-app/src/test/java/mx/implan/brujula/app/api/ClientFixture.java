package mx.implan.brujula.app.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import mx.implan.brujula.model.ClientVersion;

/** A client wired to a {@link FakeServer}, with a hand-moved clock and an in-memory token store. */
public final class ClientFixture {

    public static final ClientVersion VERSION = ClientVersion.parse("mobile-app/1.4.0").orElseThrow();

    final FakeServer server;
    final InMemoryTokenStore tokens = new InMemoryTokenStore();
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T17:15:00Z"));
    final SyncClient client;

    ClientFixture(FakeServer server) {
        this(server, Locale.forLanguageTag("es-MX"), new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(10)));
    }

    ClientFixture(FakeServer server, Locale locale, Timeouts timeouts) {
        this.server = server;
        this.client = new SyncClient(server.uri(), VERSION, locale, tokens, clock, timeouts);
    }

    /** Signs in without the server: a pair valid for an hour of the fixture's clock. */
    ClientFixture signedIn(String access, String refresh) {
        tokens.put(new AuthTokens(access, refresh, clock.instant().plus(Duration.ofHours(1))));
        return this;
    }
}
