package mx.implan.brujula.app.sync;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Random;
import mx.implan.brujula.app.accounts.FileAccounts;
import mx.implan.brujula.app.api.Timeouts;
import mx.implan.brujula.app.device.DeviceServices;
import mx.implan.brujula.app.journal.Captures;
import mx.implan.brujula.app.journal.FileJournal;
import mx.implan.brujula.app.journal.JournalEntry;
import mx.implan.brujula.app.storage.FreeSpace;

/**
 * A device in a process of its own that captures a photo, syncs, and lets synced photos go at once (keep for
 * zero), round after round, until it is killed. After each save returns it prints {@code ACK <id> <seq>}. Run by
 * {@link PhotoRemovalCrashIT}; arguments: device directory (journal and signed-in accounts), server, owner, seed,
 * first sequence number.
 */
public final class PhotoRemovalCrashChild {

    private PhotoRemovalCrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        URI server = URI.create(args[1]);
        String owner = args[2];
        Random random = new Random(Long.parseLong(args[3]));
        int seq = Integer.parseInt(args[4]);
        PrintStream out = new PrintStream(System.out, false, "UTF-8");
        Clock clock = Clock.systemUTC();
        FileJournal journal = FileJournal.open(dir.resolve("journal"), "tab-crash", clock, Locale.ROOT)
                .thumbnails(DeviceServices.thumbnails());
        FileAccounts accounts = FileAccounts.open(dir.resolve("accounts"), server, BackendProcess.APP_VERSION,
                Locale.forLanguageTag("es-MX"), clock, new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(30)));
        BackgroundSyncEngine engine = new BackgroundSyncEngine(journal, accounts, clock, new BackgroundSyncEngine.Settings(
                Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofMinutes(15), 20, random, false,
                new PhotoKeeping(Duration.ZERO, 0, FreeSpace.UNKNOWN)));
        out.println("READY");
        out.flush();
        while (true) {
            seq++;
            JournalEntry saved = journal.save(Captures.draft(owner, Captures.risk("retención " + seq, 1 + seq % 5),
                    Captures.jpeg(dir.resolve("gallery"), "crash-" + seq + "-" + random.nextInt(), 4_000 + random.nextInt(40_000))));
            out.println("ACK " + saved.id() + " " + seq);
            out.flush();
            engine.syncNow();
        }
    }
}
