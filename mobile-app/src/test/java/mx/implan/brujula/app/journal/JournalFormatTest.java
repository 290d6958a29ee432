package mx.implan.brujula.app.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.UUID;
import mx.implan.brujula.model.observation.ObservationStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening a journal written by app 1.3 (format 1, fixture in src/test/resources/journal-v1). */
class JournalFormatTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T17:15:00Z"), ZoneOffset.UTC);
    private static final UUID QUEUED = UUID.fromString("0193a1e2-7c4d-7b8e-9f00-1a2b3c4d5e6f");
    private static final UUID SYNCED = UUID.fromString("0193a1e2-7c4d-7b8e-9f00-1a2b3c4d5e70");
    private static final String PHOTO = "3b7ff364c586dcd3eaf6550fba85f077e99a26b177142962521e364a82eac6ed";

    @TempDir
    Path dir;

    @Test
    void aVersion1JournalIsUpgradedWithNothingLost() throws IOException {
        Path journalDir = copyFixture();

        FileJournal journal = FileJournal.open(journalDir, "tab-017", CLOCK);

        assertThat(Files.readString(journalDir.resolve("FORMAT")).strip()).isEqualTo("brujula-journal 2");
        JournalEntry queued = journal.find(QUEUED).orElseThrow();
        assertThat(queued.state()).isEqualTo(EntryState.PENDING); // QUEUED was renamed
        assertThat(queued.local().notes()).isEqualTo("Socavón junto a la banqueta (capturado con la app 1.3)");
        assertThat(queued.local().photos()).singleElement().satisfies(p -> assertThat(p.sha256()).isEqualTo(PHOTO));
        assertThat(journal.photo(PHOTO)).hasValueSatisfying(p -> assertThat(FileJournalTest.sha256(p)).isEqualTo(PHOTO));
        JournalEntry synced = journal.find(SYNCED).orElseThrow();
        assertThat(synced.state()).isEqualTo(EntryState.SYNCED);
        assertThat(synced.server().rev()).isEqualTo(3L);
        assertThat(synced.server().status()).isEqualTo(ObservationStatus.IN_PROGRESS);
        assertThat(journal.corruptFiles()).isEmpty();
        // Old-format files are gone, replaced by checksummed ones.
        assertThat(FileJournalTest.listFiles(journalDir.resolve("entries")))
                .extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrder(QUEUED + ".entry", SYNCED + ".entry");
        assertThat(FileJournalTest.listFiles(journalDir.resolve("photos")))
                .extracting(p -> p.getFileName().toString()).containsExactly(PHOTO);

        // An edit after the upgrade of the entry synced under 1.3 starts from its server revision.
        JournalEntry edit = journal.save(new Draft("ana", synced.local().toBuilder().notes("Bache tapado").build(), null));
        assertThat(edit.local().baseRev()).isEqualTo(3L);
    }

    @Test
    void anUpgradeInterruptedHalfWayIsCompletedOnTheNextStart() throws IOException {
        Path journalDir = copyFixture();
        // As if the app died after upgrading one entry: its new file exists, its old one too, no FORMAT yet.
        FileJournal.open(copyFixture(dir.resolve("scratch")), "tab-017", CLOCK);
        Files.copy(dir.resolve("scratch/entries/" + QUEUED + ".entry"), journalDir.resolve("entries/" + QUEUED + ".entry"));

        FileJournal journal = FileJournal.open(journalDir, "tab-017", CLOCK);

        assertThat(journal.entries("ana")).hasSize(2);
        assertThat(journal.find(QUEUED).orElseThrow().state()).isEqualTo(EntryState.PENDING);
        assertThat(FileJournalTest.listFiles(journalDir.resolve("entries"))).hasSize(2);
        assertThat(journal.corruptFiles()).isEmpty();
    }

    private Path copyFixture() throws IOException {
        return copyFixture(dir.resolve("journal"));
    }

    private static Path copyFixture(Path target) throws IOException {
        Path source;
        try {
            source = Path.of(JournalFormatTest.class.getResource("/journal-v1").toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        try (var files = Files.walk(source)) {
            for (Path from : files.sorted(Comparator.naturalOrder()).toList()) {
                Path to = target.resolve(source.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to);
                }
            }
        }
        return target;
    }
}
