package mx.implan.brujula.app.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import mx.implan.brujula.model.observation.PhotoRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety for real: a child JVM saves into the journal and is killed ({@code destroyForcibly}, i.e.
 * SIGKILL) at 200 seeded moments; after each kill the journal is reopened and every save the child
 * acknowledged must be there, whole, with its photos, and nothing may be torn. The seed is printed;
 * {@code -Dbrujula.crash.seed=N} replays the same kill delays.
 */
class JournalCrashIT {

    private static final int KILLS = 200;
    private static final int LANES = 2;
    /** A fresh journal every so many kills keeps start-up time flat; reopening across kills is still exercised. */
    private static final int KILLS_PER_JOURNAL = 25;

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedSaveSurvivesAKillAtAnyMoment() throws Exception {
        long seed = Long.getLong("brujula.crash.seed", System.nanoTime());
        System.out.println("JournalCrashIT seed " + seed + " (reproduce with -Dbrujula.crash.seed=" + seed + ")");
        long started = System.nanoTime();
        // Two devices side by side, each with its own journals and its own seeded kill points: the machine's
        // two cores start one child JVM while the other is saving.
        ExecutorService lanes = Executors.newFixedThreadPool(LANES);
        List<Future<int[]>> results = new ArrayList<>();
        for (int lane = 0; lane < LANES; lane++) {
            int l = lane;
            results.add(lanes.submit(() -> killRepeatedly(dir.resolve("lane-" + l), new Random(seed + l), KILLS / LANES)));
        }
        int acks = 0;
        int early = 0;
        try {
            for (Future<int[]> r : results) {
                try {
                    int[] counts = r.get();
                    acks += counts[0];
                    early += counts[1];
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof AssertionError a) {
                        throw a;
                    }
                    throw e;
                }
            }
        } finally {
            lanes.shutdownNow();
        }
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        System.out.printf("JournalCrashIT: %d kills (%d during start-up), %d acknowledged saves checked, %d s%n",
                KILLS, early, acks, seconds);
        assertThat(acks).isGreaterThan(KILLS);
    }

    /** Returns {acknowledged saves, kills before the child was ready}. */
    private static int[] killRepeatedly(Path laneDir, Random random, int kills) throws Exception {
        int totalAcks = 0;
        int killedBeforeReady = 0;
        Map<UUID, Integer> acked = new HashMap<>();
        int seq = 0;
        Path store = null;
        for (int kill = 0; kill < kills; kill++) {
            if (kill % KILLS_PER_JOURNAL == 0) {
                store = laneDir.resolve("device-" + kill / KILLS_PER_JOURNAL);
                acked.clear();
            }
            Process child = new ProcessBuilder(java(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx96m",
                    "-Xshare:auto", "-cp", System.getProperty("java.class.path"), JournalCrashChild.class.getName(),
                    store.toString(), Long.toString(random.nextLong()), Integer.toString(seq))
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            List<String> lines = new CopyOnWriteArrayList<>();
            Thread reader = new Thread(() -> read(child, lines));
            reader.start();
            // Mostly while saving; one kill in ten lands during start-up (opening, cleaning temporaries).
            boolean early = random.nextInt(10) == 0;
            long delay = early ? random.nextInt(400) : random.nextInt(250);
            if (!early) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!lines.contains("READY") && child.isAlive() && System.nanoTime() < deadline) {
                    Thread.sleep(2);
                }
            }
            Thread.sleep(delay);
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
            reader.join(10_000);
            if (!lines.contains("READY")) {
                killedBeforeReady++;
            }
            for (String line : lines) {
                if (line.startsWith("ACK ")) {
                    String[] parts = line.split(" ");
                    int s = Integer.parseInt(parts[2]);
                    acked.merge(UUID.fromString(parts[1]), s, Math::max);
                    seq = Math.max(seq, s);
                    totalAcks++;
                }
            }
            seq += 1_000; // saves made after the last ACK used numbers up to here at most
            check(store, acked, kill);
        }
        return new int[]{totalAcks, killedBeforeReady};
    }

    private static void check(Path store, Map<UUID, Integer> acked, int kill) throws IOException {
        FileJournal reopened = FileJournal.open(store.resolve("journal"), "parent", Clock.systemUTC(), Locale.ROOT);
        assertThat(reopened.corruptFiles()).as("torn or damaged files after kill %d in %s", kill, store).isEmpty();
        for (Map.Entry<UUID, Integer> a : acked.entrySet()) {
            JournalEntry e = reopened.find(a.getKey()).orElse(null);
            assertThat(e).as("acknowledged entry %s after kill %d in %s", a.getKey(), kill, store).isNotNull();
            int stored = Integer.parseInt(e.local().notes().substring("crash ".length()));
            // The acknowledged version, or one saved after it that had not been acknowledged yet.
            assertThat(stored).as("version of %s after kill %d", a.getKey(), kill).isGreaterThanOrEqualTo(a.getValue());
            assertThat(e.local().attributes().get("severity")).isEqualTo(1 + stored % 5);
        }
        for (JournalEntry e : reopened.entries("inspector")) {
            assertThat(e.local().notes()).matches("crash \\d+");
            for (PhotoRef p : e.local().photosOrEmpty()) {
                Path photo = reopened.photo(p.sha256()).orElse(null);
                assertThat(photo).as("photo %s of %s after kill %d", p.sha256(), e.id(), kill).isNotNull();
                assertThat(FileJournalTest.sha256(photo)).isEqualTo(p.sha256());
                assertThat(Files.size(photo)).isEqualTo(p.bytes());
            }
        }
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
