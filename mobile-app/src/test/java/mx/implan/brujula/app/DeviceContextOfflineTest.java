package mx.implan.brujula.app;

import mx.implan.brujula.app.journal.EntryState;
import mx.implan.brujula.app.journal.FileJournal;
import mx.implan.brujula.app.journal.Journal;
import mx.implan.brujula.app.journal.JournalEntry;
import mx.implan.brujula.app.ui.AppContext;
import mx.implan.brujula.app.ui.citizen.CitizenScreen;
import mx.implan.brujula.app.ui.fixtures.FieldAppTest;
import mx.implan.brujula.app.ui.fixtures.SampleData;
import mx.implan.brujula.model.observation.ObservationKind;
import mx.implan.brujula.model.observation.PhotoRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real app on a device with no connection: the context {@link DeviceContext#open(Path)} builds (file journal,
 * encrypted accounts, background sync engine) behind the real screens, the server a loopback port nobody listens
 * on. Without an account the only thing a person can do offline is an anonymous citizen report, so that is what
 * this test does.
 */
class DeviceContextOfflineTest extends FieldAppTest {

    private static final String GPS = "29.0729,-110.9559;29.0731,-110.9556@6";

    private Path storage;
    private AppContext ctx;
    private Path photos;
    private final Map<String, String> saved = new java.util.HashMap<>();

    @Override
    protected AppContext context(Path photoDir) {
        try {
            storage = Files.createTempDirectory("brujula-device");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        photos = photoDir;
        SampleData.writePhotos(photoDir);
        setProperty("brujula.server", "http://127.0.0.1:" + closedPort() + "/");
        setProperty("brujula.photos.dir", photoDir.toString());
        setProperty("brujula.gps", GPS);
        setProperty("brujula.locale", "es-MX");
        ctx = DeviceContext.open(storage);
        return ctx;
    }

    @AfterEach
    void closeContext() {
        ctx.sync().close();
        ((FileJournal) ctx.journal()).close();
        saved.forEach((k, v) -> {
            if (v == null) {
                System.clearProperty(k);
            } else {
                System.setProperty(k, v);
            }
        });
    }

    @Test
    void anonymousRiskReportIsKeptOfflineWithItsPhotoAndSurvivesAReopen() throws Exception {
        tap("#signin-anonymous");
        assertThat(shell.current()).isInstanceOf(CitizenScreen.class);
        // What happens to the photos (sent with the report, public only after review) is said before reporting.
        assertThat(visibleTexts()).anyMatch(s -> s.contains("viajan con el reporte"));
        tap("#report-RISK");
        tap("#hazard-INUNDACION");
        tap("#severity-5");
        tap("#add-photo");
        assertThat(lookup(".photo-thumb").queryAll()).hasSize(1);
        tap("#save");

        assertThat(shell.current()).isInstanceOf(CitizenScreen.class);
        assertThat(lookup("#reports .entry-row").queryAll()).hasSize(1);
        // The engine may be trying to send it already ("enviando") as the list appears.
        assertThat(lookup("#reports .chip").queryLabeled().getText()).isIn("guardado", "pendiente", "enviando");

        // The engine tried the server at once and found nobody: said in Spanish, with a retry, no stack trace.
        await().atMost(Duration.ofSeconds(20)).until(() -> ctx.sync().status().nextAttempt() != null);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> lookup("#sync-status").queryLabeled().getText().startsWith("Sin conexión"));
        String line = lookup("#sync-status").queryLabeled().getText();
        assertThat(line).matches("Sin conexión · Reintento a las \\d\\d:\\d\\d · 1 pendiente")
                .doesNotContain("Exception").doesNotContain("java.");
        // The failed attempt hands the report back: waiting, not stuck as being sent.
        await().atMost(Duration.ofSeconds(5))
                .until(() -> lookup("#reports .chip").queryLabeled().getText().equals("pendiente"));
        reveal(lookup("#reports").query());
        screenshot("device-offline-citizen");

        // Quit and start again from the same storage: the report and its photo are there, hashed.
        Path original = Files.list(photos).filter(p -> p.toString().endsWith(".png")).sorted().findFirst()
                .orElseThrow();
        ctx.sync().close();
        String deviceId = ((FileJournal) ctx.journal()).deviceId();
        ((FileJournal) ctx.journal()).close();
        try (FileJournal reopened = FileJournal.open(storage.resolve("journal"), deviceId, Clock.systemUTC())) {
            List<JournalEntry> mine = reopened.entries(Journal.ANONYMOUS);
            assertThat(mine).hasSize(1);
            JournalEntry entry = mine.get(0);
            assertThat(entry.state()).isIn(EntryState.SAVED, EntryState.PENDING);
            assertThat(entry.local().kind()).isEqualTo(ObservationKind.RISK);
            assertThat(entry.local().attributes()).containsEntry("hazard", "INUNDACION").containsEntry("severity", 5);
            assertThat(entry.local().geometry().getCoordinate().y).isEqualTo(29.0729);
            assertThat(entry.local().photos()).hasSize(1);
            PhotoRef photo = entry.local().photos().get(0);
            assertThat(photo.sha256()).isEqualTo(sha256(original));
            Path stored = reopened.photo(photo.sha256()).orElseThrow();
            assertThat(sha256(stored)).isEqualTo(photo.sha256());
            assertThat(stored.toAbsolutePath()).startsWith(storage.toAbsolutePath());
        }
        // Reopened by a fresh context too, the way the next start of the app does.
        ctx = DeviceContext.open(storage);
        assertThat(ctx.journal().entries(Journal.ANONYMOUS)).hasSize(1);
        assertThat(((FileJournal) ctx.journal()).deviceId()).isEqualTo(deviceId);
    }

    private void setProperty(String key, String value) {
        saved.putIfAbsent(key, System.getProperty(key));
        System.setProperty(key, value);
    }

    /** A loopback port with nothing listening: connections are refused at once, as with no network. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
