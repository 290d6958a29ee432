package mx.implan.brujula.app.journal;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import mx.implan.brujula.model.observation.Observation;

/**
 * The app's journal in a process of its own, saving as fast as it can until it is killed. After each save
 * returns it prints {@code ACK <id> <seq>}: from that moment the save must survive anything. Run by
 * {@link JournalCrashIT}; arguments: journal directory, seed, first sequence number.
 */
public final class JournalCrashChild {

    private JournalCrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Random random = new Random(Long.parseLong(args[1]));
        int seq = Integer.parseInt(args[2]);
        PrintStream out = new PrintStream(System.out, false, "UTF-8");
        FileJournal journal = FileJournal.open(dir.resolve("journal"), "crash-tab", Clock.systemUTC(), Locale.ROOT);
        // Load the classes a save needs before saying READY, so the kills land among saves, not class loading.
        mx.implan.brujula.model.validation.ObservationValidator.validate(Captures.risk("warm-up", 3));
        photo(dir.resolve("gallery"), "warm-up", 1_000, random);
        out.println("READY");
        out.flush();
        List<UUID> mine = new ArrayList<>();
        while (true) {
            seq++;
            Observation o;
            List<Path> photos = new ArrayList<>();
            if (!mine.isEmpty() && random.nextInt(3) == 0) {
                // An edit: the entry must afterwards hold this version or a later one, never a mix or an older one.
                UUID id = mine.get(random.nextInt(mine.size()));
                o = journal.find(id).orElseThrow().local().toBuilder().notes(notes(seq)).attribute("severity", 1 + seq % 5).build();
            } else {
                o = Captures.risk(notes(seq), 1 + seq % 5);
                if (random.nextBoolean()) {
                    photos.add(photo(dir.resolve("gallery"), "c" + seq, 2_000 + random.nextInt(30_000), random));
                }
            }
            JournalEntry saved = journal.save(new Draft("inspector", o, photos));
            mine.add(saved.id());
            out.println("ACK " + saved.id() + " " + seq);
            out.flush();
        }
    }

    /**
     * A picture file as the camera leaves it: JPEG magic and random bytes. The journal only sniffs the type, so
     * the child skips loading an image library and starts faster (more kills land among saves).
     */
    private static Path photo(Path dir, String name, int size, Random random) throws java.io.IOException {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        bytes[0] = (byte) 0xFF;
        bytes[1] = (byte) 0xD8;
        bytes[2] = (byte) 0xFF;
        java.nio.file.Files.createDirectories(dir);
        Path file = dir.resolve(name + ".jpg");
        java.nio.file.Files.write(file, bytes);
        return file;
    }

    static String notes(int seq) {
        return "crash " + seq;
    }
}
