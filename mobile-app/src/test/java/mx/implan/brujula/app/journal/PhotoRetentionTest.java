package mx.implan.brujula.app.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import mx.implan.brujula.model.observation.Observation;
import mx.implan.brujula.model.sync.PushResult;
import mx.implan.brujula.model.sync.PushStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which photos the journal lets go, and that removing one never touches what is not settled on the server. */
class PhotoRetentionTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T17:15:00Z"), ZoneOffset.UTC);
    private static final Instant LATER = CLOCK.instant().plusSeconds(1);
    private static final String ANA = "ana";

    @TempDir
    Path dir;
    private FileJournal journal;

    @BeforeEach
    void open() {
        journal = FileJournal.open(dir.resolve("journal"), "tab-017", CLOCK, Locale.forLanguageTag("es-MX"))
                .thumbnails(photo -> Optional.of(new byte[]{1, 2, 3}));
    }

    private void pushAll(PushStatus status) {
        List<Observation> writes = journal.beginPush(ANA, 100);
        journal.applyPush(writes, writes.stream()
                .map(w -> new PushResult(w.id(), w.opId(), status, 1L, List.of(), List.of(), null, null)).toList());
    }

    @Test
    void onlyPhotosOfSettledEntriesSavedBeforeTheCutOffAreRemovable() {
        Path photo = Captures.jpeg(dir, "a", 5_000);
        JournalEntry saved = journal.save(Captures.draft(ANA, Captures.risk("con foto", 3), photo));
        String sha = saved.local().photos().get(0).sha256();
        assertThat(journal.removablePhotos(ANA, LATER)).as("pending").isEmpty();

        pushAll(PushStatus.CREATED);

        assertThat(journal.removablePhotos(ANA, CLOCK.instant())).as("saved at the cut-off, not before").isEmpty();
        assertThat(journal.removablePhotos(ANA, LATER)).containsExactly(sha);
        assertThat(journal.removablePhotos("beto", LATER)).as("someone else's").isEmpty();
    }

    @Test
    void aPhotoSharedWithAnEntryStillOnItsWayStays() {
        Path photo = Captures.jpeg(dir, "compartida", 5_000);
        JournalEntry first = journal.save(Captures.draft(ANA, Captures.risk("primera", 3), photo));
        String sha = first.local().photos().get(0).sha256();
        pushAll(PushStatus.CREATED);
        journal.save(Captures.draft(ANA, Captures.risk("segunda, misma foto", 3), photo));

        assertThat(journal.removablePhotos(ANA, LATER)).isEmpty();
        assertThat(journal.removeConfirmed(List.of(sha), LATER)).isEmpty();
        assertThat(journal.photo(sha)).isPresent();
    }

    @Test
    void aRemovalRechecksAndKeepsAPhotoWhoseEntryWasEditedSinceItWasListed() {
        Path photo = Captures.jpeg(dir, "editada", 5_000);
        JournalEntry saved = journal.save(Captures.draft(ANA, Captures.risk("antes", 3), photo));
        String sha = saved.local().photos().get(0).sha256();
        pushAll(PushStatus.CREATED);
        List<String> listed = journal.removablePhotos(ANA, LATER);
        journal.save(new Draft(ANA, journal.find(saved.id()).orElseThrow().local().toBuilder().notes("después").build(),
                List.of()));

        assertThat(journal.removeConfirmed(listed, LATER)).isEmpty();
        assertThat(journal.photo(sha)).isPresent();
    }

    @Test
    void aRemovedPhotoLeavesItsThumbnailAndItsReferenceSurvivesReopening() {
        Path photo = Captures.jpeg(dir, "quitada", 5_000);
        JournalEntry saved = journal.save(Captures.draft(ANA, Captures.risk("se va la foto", 3), photo));
        String sha = saved.local().photos().get(0).sha256();
        pushAll(PushStatus.CREATED);

        assertThat(journal.removeConfirmed(journal.removablePhotos(ANA, LATER), LATER)).containsExactly(sha);

        FileJournal reopened = FileJournal.open(dir.resolve("journal"), "tab-017", CLOCK, Locale.forLanguageTag("es-MX"));
        assertThat(reopened.photo(sha)).isEmpty();
        assertThat(reopened.preview(sha)).isPresent();
        assertThat(reopened.find(saved.id()).orElseThrow().local().photos()).extracting(p -> p.sha256()).containsExactly(sha);
        assertThat(reopened.corruptFiles()).isEmpty();
        assertThat(reopened.pendingPhotos(ANA)).isEmpty();
    }

    @Test
    void anAnsweredAnonymousReportsPhotosAreRemovableItsUnansweredOnesNot() {
        Path photo = Captures.jpeg(dir, "ciudadana", 5_000);
        JournalEntry saved = journal.save(Captures.draft(Journal.ANONYMOUS, Captures.risk("reporte", 3), photo));
        String sha = saved.local().photos().get(0).sha256();
        List<Observation> writes = journal.beginCitizenReports();
        assertThat(journal.removablePhotos(Journal.ANONYMOUS, LATER)).isEmpty();

        journal.citizenReportAccepted(writes.get(0), "tok", "srv-1");

        assertThat(journal.removablePhotos(Journal.ANONYMOUS, LATER)).containsExactly(sha);
    }
}
