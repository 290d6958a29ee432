package mx.implan.brujula.app.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mx.implan.brujula.app.accounts.FileAccounts;
import mx.implan.brujula.app.api.Timeouts;
import mx.implan.brujula.app.device.DeviceServices;
import mx.implan.brujula.app.journal.EntryState;
import mx.implan.brujula.app.journal.FileJournal;
import mx.implan.brujula.app.journal.JournalEntry;
import mx.implan.brujula.app.storage.AtomicFiles;
import mx.implan.brujula.app.storage.FreeSpace;
import mx.implan.brujula.model.observation.PhotoRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash and retry around freeing photos: a child JVM captures, syncs against the real backend and removes the
 * photos the server confirmed, and is killed ({@code destroyForcibly}, SIGKILL) at seeded moments. After each
 * kill the device is reopened and must be consistent: every photo an entry references is either still on the
 * device, whole, or held by the server (and then its thumbnail is there) — never lost before the server had it.
 * At the end one more sync settles everything, with no observation written twice. The seed is printed;
 * {@code -Dbrujula.crash.seed=N} replays the same kill delays.
 */
@ExtendWith(RunningBackend.class)
class PhotoRemovalCrashIT {

    private static final int KILLS = 24;
    private static final String PASSWORD = "retencion-Hermosillo-2026";

    @TempDir
    Path dir;

    @Test
    void aPhotoIsEitherStillOnTheDeviceOrConfirmedByTheServerWhereverTheAppIsKilled(BackendProcess backend)
            throws Exception {
        long seed = Long.getLong("brujula.crash.seed", System.nanoTime());
        System.out.println("PhotoRemovalCrashIT seed " + seed + " (reproduce with -Dbrujula.crash.seed=" + seed + ")");
        Random random = new Random(seed);
        String owner = backend.createUser("inspector", PASSWORD);
        Path device = dir.resolve("device");
        FileAccounts.open(device.resolve("accounts"), backend.baseUri(), BackendProcess.APP_VERSION,
                Locale.forLanguageTag("es-MX"), Clock.systemUTC(), Timeouts.DEFAULT).signIn(owner, PASSWORD);
        Set<UUID> acked = new HashSet<>();
        int seq = 0;
        int removedSeen = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            Process child = new ProcessBuilder(java(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx128m",
                    "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                    PhotoRemovalCrashChild.class.getName(), device.toString(), backend.baseUri().toString(), owner,
                    Long.toString(random.nextLong()), Integer.toString(seq))
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            List<String> lines = new CopyOnWriteArrayList<>();
            Thread reader = new Thread(() -> read(child, lines));
            reader.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!lines.contains("READY") && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            // Somewhere in the first rounds: saving, pushing, uploading, asking the missing-list, removing.
            Thread.sleep(200 + random.nextInt(2_500));
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
            reader.join(10_000);
            for (String line : lines) {
                if (line.startsWith("ACK ")) {
                    String[] parts = line.split(" ");
                    acked.add(UUID.fromString(parts[1]));
                    seq = Math.max(seq, Integer.parseInt(parts[2]));
                }
            }
            seq += 1_000;
            removedSeen += checkConsistent(device, backend, acked, kill);
        }

        try (FileJournal journal = FileJournal.open(device.resolve("journal"), "tab-crash", Clock.systemUTC(), Locale.ROOT)
                .thumbnails(DeviceServices.thumbnails());
             BackgroundSyncEngine engine = new BackgroundSyncEngine(journal, FileAccounts.open(device.resolve("accounts"),
                     backend.baseUri(), BackendProcess.APP_VERSION, Locale.forLanguageTag("es-MX"), Clock.systemUTC(),
                     Timeouts.DEFAULT), Clock.systemUTC(), new BackgroundSyncEngine.Settings(Duration.ofMillis(100),
                     Duration.ofSeconds(1), Duration.ofMinutes(15), 20, new Random(seed), false,
                     new PhotoKeeping(Duration.ZERO, 0, FreeSpace.UNKNOWN)))) {
            for (int round = 0; round < 4; round++) {
                engine.syncNow();
                Thread.sleep(5); // the photos' cut-off is "saved before now"
            }
            List<JournalEntry> entries = journal.entries(owner);
            assertThat(entries).extracting(JournalEntry::state).containsOnly(EntryState.SYNCED);
            assertThat(entries.stream().map(JournalEntry::id).toList()).containsAll(acked);
            for (JournalEntry e : entries) {
                for (PhotoRef p : e.local().photosOrEmpty()) {
                    assertThat(journal.photo(p.sha256())).as("photo %s of %s, synced and confirmed", p.sha256(), e.id()).isEmpty();
                    assertThat(journal.preview(p.sha256())).as("thumbnail of %s", p.sha256()).isPresent();
                }
            }
            // Retries around the removal wrote nothing twice.
            assertThat(EngineFixture.count(backend, "SELECT count(*) FROM observation WHERE author = ?", owner))
                    .isEqualTo(entries.size());
        }
        System.out.printf("PhotoRemovalCrashIT: %d kills, %d acknowledged captures, %d checks of a photo already removed (server holds it)%n",
                KILLS, acked.size(), removedSeen);
        assertThat(acked).hasSizeGreaterThan(KILLS / 2);
    }

    /** Returns how many referenced photos were already removed (each checked to be on the server). */
    private static int checkConsistent(Path device, BackendProcess backend, Set<UUID> acked, int kill)
            throws IOException, SQLException {
        FileJournal journal = FileJournal.open(device.resolve("journal"), "parent", Clock.systemUTC(), Locale.ROOT);
        assertThat(journal.corruptFiles()).as("damaged files after kill %d", kill).isEmpty();
        int removed = 0;
        for (UUID id : acked) {
            JournalEntry e = journal.find(id).orElse(null);
            assertThat(e).as("acknowledged capture %s after kill %d", id, kill).isNotNull();
            for (PhotoRef p : e.local().photosOrEmpty()) {
                Path photo = journal.photo(p.sha256()).orElse(null);
                if (photo != null) {
                    assertThat(sha256(photo)).as("photo %s after kill %d", p.sha256(), kill).isEqualTo(p.sha256());
                    assertThat(Files.size(photo)).isEqualTo(p.bytes());
                } else {
                    assertThat(EngineFixture.storedPhotos(backend, List.of(p.sha256())))
                            .as("photo %s of %s is gone from the device after kill %d: the server must hold it",
                                    p.sha256(), id, kill)
                            .containsExactly(p.sha256());
                    assertThat(journal.preview(p.sha256())).as("thumbnail of removed photo %s", p.sha256()).isPresent();
                    removed++;
                }
            }
        }
        journal.close();
        return removed;
    }

    private static String sha256(Path file) throws IOException {
        return java.util.HexFormat.of().formatHex(AtomicFiles.sha256().digest(Files.readAllBytes(file)));
    }

    private static void read(Process child, List<String> lines) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException killed) {
            // the pipe closes with the child
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
