package mx.implan.brujula.app.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import mx.implan.brujula.app.accounts.FileAccounts;
import mx.implan.brujula.app.api.ClientFixture;
import mx.implan.brujula.app.api.FakeServer;
import mx.implan.brujula.app.api.MutableClock;
import mx.implan.brujula.app.api.Timeouts;
import mx.implan.brujula.app.journal.Captures;
import mx.implan.brujula.app.journal.EntryState;
import mx.implan.brujula.app.journal.FileJournal;
import mx.implan.brujula.app.journal.JournalEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Photos leave the device once the server holds them (issue 10, item 14): after the configured age, at once when
 * storage runs low, never before the server confirmed them, and with a thumbnail kept for the lists.
 */
class PhotoKeepingTest {

    private static final long MB = 1024 * 1024;

    @TempDir
    Path dir;
    private FakeServer server;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T17:15:00Z"));
    /** What the server holds. */
    private final Set<String> stored = ConcurrentHashMap.newKeySet();
    /** Hashes asked about on the missing-list, per question. */
    private final List<List<String>> asked = new CopyOnWriteArrayList<>();
    private FileJournal journal;
    private FileAccounts accounts;
    private volatile long freeBytes = 10_000 * MB;

    @BeforeEach
    void setUp() throws IOException {
        server = new FakeServer()
                .on("/api/v1/auth/token", r -> FakeServer.Answer.json(200,
                        "{\"accessToken\":\"a\",\"refreshToken\":\"r\",\"expiresIn\":3600000}"))
                .on("/api/v1/auth/me", r -> FakeServer.Answer.json(200,
                        "{\"username\":\"ana\",\"role\":\"inspector\",\"displayName\":\"Ana\"}"))
                .on("/api/v1/sync/push", r -> {
                    List<String> results = new ArrayList<>();
                    for (JsonNode item : r.json().get("items")) {
                        List<String> missing = new ArrayList<>();
                        item.path("photos").forEach(p -> {
                            if (!stored.contains(p.get("sha256").asText())) {
                                missing.add("\"" + p.get("sha256").asText() + "\"");
                            }
                        });
                        results.add("{\"id\":\"" + item.get("id").asText() + "\",\"opId\":\"" + item.get("opId").asText()
                                + "\",\"status\":\"CREATED\",\"rev\":1,\"missingPhotos\":" + missing + ",\"flags\":[]}");
                    }
                    return FakeServer.Answer.json(200, "{\"results\":" + results + "}");
                })
                .on("/api/v1/attachments/missing", r -> {
                    List<String> hashes = new ArrayList<>();
                    r.json().get("hashes").forEach(h -> hashes.add(h.asText()));
                    asked.add(hashes);
                    List<String> missing = hashes.stream().filter(h -> !stored.contains(h)).map(h -> "\"" + h + "\"").toList();
                    return FakeServer.Answer.json(200, "{\"missing\":" + missing + "}");
                })
                .onPrefix("/api/v1/attachments/", r -> {
                    stored.add(r.path().substring("/api/v1/attachments/".length()));
                    return FakeServer.Answer.json(201, "{}");
                })
                .on("/api/v1/sync/pull", r -> FakeServer.Answer.json(200, "{\"changes\":[],\"next\":\"c1\",\"hasMore\":false}"));
        journal = FileJournal.open(dir.resolve("journal"), "tab-017", clock, Locale.forLanguageTag("es-MX"))
                .thumbnails(photo -> Optional.of(("miniatura de " + photo.getFileName()).getBytes()));
        accounts = FileAccounts.open(dir.resolve("accounts"), server.uri(), ClientFixture.VERSION,
                Locale.forLanguageTag("es-MX"), clock, new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5)));
        accounts.signIn("ana", "x");
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private BackgroundSyncEngine engine(Duration keepFor) {
        return new BackgroundSyncEngine(journal, accounts, clock, new BackgroundSyncEngine.Settings(Duration.ofSeconds(2),
                Duration.ofSeconds(60), Duration.ofMinutes(15), 50, new Random(7), false,
                new PhotoKeeping(keepFor, 512 * MB, () -> freeBytes)));
    }

    private String captureWithPhoto(String notes) {
        JournalEntry saved = journal.save(Captures.draft("ana", Captures.risk(notes, 3),
                Captures.jpeg(dir.resolve("g"), notes, 20_000)));
        return saved.local().photos().get(0).sha256();
    }

    @Test
    void aSyncedPhotoLeavesOnlyAfterTheServerConfirmsItAndItsThumbnailStays() {
        String sha = captureWithPhoto("foto-confirmada");
        try (BackgroundSyncEngine engine = engine(Duration.ZERO)) {
            engine.syncNow(); // pushed and uploaded in this round: saved "now", not before the cut-off yet
            assertThat(journal.photo(sha)).isPresent();
            clock.advance(Duration.ofSeconds(1));

            engine.syncNow();
        }

        assertThat(journal.photo(sha)).isEmpty();
        assertThat(asked).anySatisfy(question -> assertThat(question).contains(sha));
        assertThat(journal.preview(sha)).hasValueSatisfying(thumb ->
                assertThat(thumb.getFileName().toString()).isEqualTo(sha));
        JournalEntry entry = journal.entries("ana").get(0);
        assertThat(entry.state()).isEqualTo(EntryState.SYNCED);
        assertThat(entry.local().photos()).extracting(p -> p.sha256()).containsExactly(sha);
    }

    @Test
    void aPhotoTheServerDoesNotConfirmStaysWhateverTheJournalThinks() {
        String sha = captureWithPhoto("foto-perdida");
        try (BackgroundSyncEngine engine = engine(Duration.ZERO)) {
            engine.syncNow();
            stored.remove(sha); // the server lost it (a restored bucket): its missing-list says so
            clock.advance(Duration.ofSeconds(1));

            engine.syncNow();
        }

        assertThat(journal.photo(sha)).isPresent();
    }

    @Test
    void aPhotoIsKeptForTheConfiguredAgeThenLeaves() {
        String sha = captureWithPhoto("foto-de-hace-una-semana");
        try (BackgroundSyncEngine engine = engine(Duration.ofDays(7))) {
            engine.syncNow();
            clock.advance(Duration.ofDays(6));
            engine.syncNow();
            assertThat(journal.photo(sha)).as("six days after its save").isPresent();

            clock.advance(Duration.ofDays(2));
            engine.syncNow();
        }

        assertThat(journal.photo(sha)).as("eight days after its save").isEmpty();
    }

    @Test
    void lowStorageFreesSyncedPhotosAtOnceButNeverOnesTheServerLacks() {
        String synced = captureWithPhoto("foto-sincronizada");
        try (BackgroundSyncEngine engine = engine(Duration.ofDays(7))) {
            engine.syncNow();
            assertThat(journal.photo(synced)).as("a week to go, plenty of room").isPresent();
            // The server refuses the next photo as it is: its observation stays waiting for it.
            server.onPrefix("/api/v1/attachments/", r -> FakeServer.Answer.problem(415,
                    "{\"status\":415,\"code\":\"UNSUPPORTED_MEDIA_TYPE\"}"));
            String refused = captureWithPhoto("foto-rechazada");
            freeBytes = 100 * MB;

            engine.syncNow();

            assertThat(journal.photo(synced)).as("storage low: synced photos go at once").isEmpty();
            assertThat(journal.photo(refused)).as("never one the server does not hold").isPresent();
            assertThat(journal.entries("ana")).filteredOn(e -> e.state() == EntryState.PHOTOS_PENDING).hasSize(1);
        }
    }
}
