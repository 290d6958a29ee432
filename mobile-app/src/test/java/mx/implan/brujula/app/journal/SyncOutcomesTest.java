package mx.implan.brujula.app.journal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import mx.implan.brujula.model.json.WireJson;
import mx.implan.brujula.model.observation.Flag;
import mx.implan.brujula.model.observation.Observation;
import mx.implan.brujula.model.observation.ObservationStatus;
import mx.implan.brujula.model.observation.Resolution;
import mx.implan.brujula.model.sync.Change;
import mx.implan.brujula.model.sync.ChangeOp;
import mx.implan.brujula.model.sync.ChangeType;
import mx.implan.brujula.model.sync.FieldError;
import mx.implan.brujula.model.sync.PushResult;
import mx.implan.brujula.model.sync.PushStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How server answers change journal entries (the engine's side of the journal), without HTTP. */
class SyncOutcomesTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T17:15:00Z"), ZoneOffset.UTC);
    private static final String ANA = "ana";

    @TempDir
    Path dir;
    private FileJournal journal;

    @BeforeEach
    void open() {
        journal = FileJournal.open(dir, "tab-017", CLOCK, Locale.forLanguageTag("es-MX"));
    }

    /** Saves, pushes, and answers CREATED at rev 1: a synced entry. */
    private JournalEntry synced(Observation o) {
        journal.save(Captures.draft(ANA, o));
        answer(w -> new PushResult(w.id(), w.opId(), PushStatus.CREATED, 1L, List.of(), List.of(), null, null));
        return journal.find(o.id()).orElseThrow();
    }

    private List<Observation> answer(java.util.function.Function<Observation, PushResult> server) {
        List<Observation> writes = journal.beginPush(ANA, 100);
        journal.applyPush(writes, writes.stream().map(server).toList());
        return writes;
    }

    @Test
    void aConflictKeepsBothAndKeepMineGoesOnTopOfTheServersRevKeepingTheirOtherChanges() {
        JournalEntry e = synced(Captures.risk("original", 3));
        journal.save(Captures.draft(ANA, e.local().toBuilder().notes("mía").attribute("severity", 5).build()));
        Observation theirs = e.server().toBuilder().rev(2L).notes("suya").attribute("peopleExposed", 99).build();
        answer(w -> PushResult.conflict(w.id(), w.opId(), theirs));

        JournalEntry conflict = journal.find(e.id()).orElseThrow();
        assertThat(conflict.state()).isEqualTo(EntryState.CONFLICT);
        assertThat(conflict.conflict()).isEqualTo(theirs);
        assertThat(conflict.local().notes()).isEqualTo("mía");
        assertThat(journal.beginPush(ANA, 100)).isEmpty(); // nothing goes until the user decides

        JournalEntry kept = journal.keepMine(e.id());

        assertThat(kept.state()).isEqualTo(EntryState.PENDING);
        assertThat(kept.local().baseRev()).isEqualTo(2L);
        assertThat(kept.local().notes()).isEqualTo("mía");
        assertThat(kept.local().attributes()).containsEntry("severity", 5).containsEntry("peopleExposed", 99);
        assertThat(kept.local().opId()).isNotEqualTo(conflict.local().opId());
        assertThat(journal.beginPush(ANA, 100)).extracting(Observation::opId).containsExactly(kept.local().opId());
    }

    @Test
    void anItemTheServerCouldNotApplyNowIsPendingAgainNeverRejectedAndNoLongerInFlight() {
        JournalEntry saved = journal.save(Captures.draft(ANA, Captures.risk("falló", 3)));

        answer(w -> new PushResult(w.id(), w.opId(), PushStatus.FAILED, null, null, null,
                List.of(new FieldError("", "ITEM_FAILED", "Inténtelo más tarde")), null));

        JournalEntry after = journal.find(saved.id()).orElseThrow();
        assertThat(after.state()).isEqualTo(EntryState.PENDING);
        assertThat(after.errors()).isEmpty();
        assertThat(after.server()).isNull();
        assertThat(journal.beginPush(ANA, 100)).extracting(Observation::opId).containsExactly(saved.local().opId());
    }

    @Test
    void anEditMadeWhileAFailedWriteWasInFlightIsWhatGoesNext() {
        JournalEntry saved = journal.save(Captures.draft(ANA, Captures.risk("primera", 3)));
        List<Observation> writes = journal.beginPush(ANA, 100);
        JournalEntry edited = journal.save(Captures.draft(ANA, saved.local().toBuilder().notes("segunda").build()));

        journal.applyPush(writes, writes.stream().map(w -> new PushResult(w.id(), w.opId(), PushStatus.FAILED, null,
                null, null, List.of(), null)).toList());

        assertThat(journal.find(saved.id()).orElseThrow().state()).isEqualTo(EntryState.PENDING);
        // Nothing of the failed write was stored: the newer edit goes, still as a create (baseRev 0).
        assertThat(journal.beginPush(ANA, 100)).singleElement().satisfies(w -> {
            assertThat(w.opId()).isEqualTo(edited.local().opId());
            assertThat(w.notes()).isEqualTo("segunda");
            assertThat(w.baseRev()).isZero();
        });
    }

    @Test
    void takeServerAdoptsTheirCopyAndTellsTheServer() {
        JournalEntry e = synced(Captures.risk("original", 3));
        journal.save(Captures.draft(ANA, e.local().toBuilder().notes("mía").build()));
        Observation theirs = e.server().toBuilder().rev(2L).notes("suya").build();
        answer(w -> PushResult.conflict(w.id(), w.opId(), theirs));

        JournalEntry taken = journal.takeServer(e.id());
        assertThat(taken.local().notes()).isEqualTo("suya");
        assertThat(taken.local().resolution()).isEqualTo(Resolution.TAKE_SERVER);
        assertThat(taken.local().baseRev()).isEqualTo(2L);

        answer(w -> new PushResult(w.id(), w.opId(), PushStatus.UNCHANGED, 2L, List.of(), List.of(), null, theirs));
        JournalEntry done = journal.find(e.id()).orElseThrow();
        assertThat(done.state()).isEqualTo(EntryState.SYNCED);
        assertThat(done.local().notes()).isEqualTo("suya");
        assertThat(done.local().resolution()).isNull();
        assertThat(done.server().rev()).isEqualTo(2L);
    }

    @Test
    void aMergeOnTheServerIsAdoptedAsTheLocalCopy() {
        JournalEntry e = synced(Captures.risk("original", 3));
        journal.save(Captures.draft(ANA, e.local().toBuilder().notes("mía").build()));
        Observation merged = e.server().toBuilder().rev(3L).notes("mía").attribute("peopleExposed", 5).build();
        answer(w -> new PushResult(w.id(), w.opId(), PushStatus.UPDATED, 3L, List.of(), List.of(), null, merged));

        JournalEntry after = journal.find(e.id()).orElseThrow();
        assertThat(after.state()).isEqualTo(EntryState.SYNCED);
        assertThat(after.local().attributes()).containsEntry("peopleExposed", 5);
        assertThat(after.server().rev()).isEqualTo(3L);
    }

    @Test
    void aRejectionKeepsTheEntryWithTheServersReasonsUntilTheUserEditsIt() {
        Observation o = Captures.risk("x", 3);
        journal.save(Captures.draft(ANA, o));
        FieldError reason = new FieldError("id", "NOT_AUTHOR", "Solo el autor puede editar");
        answer(w -> PushResult.rejected(w.id(), w.opId(), List.of(reason)));

        JournalEntry rejected = journal.find(o.id()).orElseThrow();
        assertThat(rejected.state()).isEqualTo(EntryState.REJECTED);
        assertThat(rejected.errors()).containsExactly(reason);
        assertThat(journal.beginPush(ANA, 100)).isEmpty();

        JournalEntry edited = journal.save(Captures.draft(ANA, rejected.local().toBuilder().notes("y").build()));
        assertThat(edited.state()).isEqualTo(EntryState.PENDING);
        assertThat(edited.errors()).isEmpty();
    }

    @Test
    void photosTheServerLacksKeepTheEntryPendingUntilTheyArrive() {
        Path photo = Captures.jpeg(dir.resolve("gallery"), "foto", 3_000);
        Observation o = Captures.risk("con foto", 3);
        String sha = journal.save(Captures.draft(ANA, o, photo)).local().photos().get(0).sha256();
        answer(w -> new PushResult(w.id(), w.opId(), PushStatus.CREATED, 1L, List.of(sha), List.of(Flag.INCOMPLETE), null, null));

        assertThat(journal.find(o.id()).orElseThrow().state()).isEqualTo(EntryState.PHOTOS_PENDING);
        assertThat(journal.pendingPhotos(ANA)).singleElement().satisfies(p -> {
            assertThat(p.sha256()).isEqualTo(sha);
            assertThat(p.mediaType()).isEqualTo("image/jpeg");
        });

        journal.photosArrived(List.of(sha));
        JournalEntry done = journal.find(o.id()).orElseThrow();
        assertThat(done.state()).isEqualTo(EntryState.SYNCED);
        assertThat(done.missingPhotos()).isEmpty();
        assertThat(journal.pendingPhotos(ANA)).isEmpty();
    }

    @Test
    void anEditMadeWhileAWriteIsInFlightIsKeptAndRebasedOnTheAnswer() {
        Observation o = Captures.risk("primera", 3);
        journal.save(Captures.draft(ANA, o));
        List<Observation> inFlight = journal.beginPush(ANA, 100);
        JournalEntry edit = journal.save(Captures.draft(ANA, journal.find(o.id()).orElseThrow().local().toBuilder()
                .notes("segunda").build()));

        // The app restarts before the answer: the same write (same opId) goes first, never the edit with baseRev 0.
        FileJournal reopened = FileJournal.open(dir, "tab-017", CLOCK);
        List<Observation> again = reopened.beginPush(ANA, 100);
        assertThat(again).extracting(Observation::opId).containsExactly(inFlight.get(0).opId());

        reopened.applyPush(again, List.of(new PushResult(o.id(), again.get(0).opId(), PushStatus.UNCHANGED, 1L,
                List.of(), List.of(), null, null)));
        JournalEntry after = reopened.find(o.id()).orElseThrow();
        assertThat(after.state()).isEqualTo(EntryState.PENDING);
        assertThat(after.local().notes()).isEqualTo("segunda");
        assertThat(after.local().opId()).isEqualTo(edit.local().opId());
        assertThat(after.local().baseRev()).isEqualTo(1L);
        assertThat(reopened.beginPush(ANA, 100)).extracting(Observation::opId).containsExactly(edit.local().opId());
    }

    @Test
    void pullRefreshesStatusOfOwnEntriesAddsOwnFromOtherDevicesAndKeepsWorks() throws Exception {
        JournalEntry e = synced(Captures.risk("original", 3));
        JsonNode verified = WireJson.strict().valueToTree(e.server().toBuilder().rev(2L).status(ObservationStatus.VERIFIED).build());
        Observation fromTablet2 = Captures.risk("de otra tableta", 2).toBuilder().rev(1L).author(ANA)
                .status(ObservationStatus.REPORTED).build();
        Observation someoneElses = Captures.risk("de Beto", 2).toBuilder().rev(1L).author("beto").build();
        UUID workId = UUID.randomUUID();
        JsonNode work = WireJson.strict().readTree("{\"id\":\"" + workId + "\",\"code\":\"OP-7\",\"name\":\"Parque Madero\","
                + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[-110.95,29.08]}}");

        journal.applyPull(ANA, List.of(
                new Change(ChangeType.OBSERVATION, ChangeOp.UPSERT, e.id().toString(), 2L, verified),
                new Change(ChangeType.OBSERVATION, ChangeOp.UPSERT, fromTablet2.id().toString(), 1L,
                        WireJson.strict().valueToTree(fromTablet2)),
                new Change(ChangeType.OBSERVATION, ChangeOp.UPSERT, someoneElses.id().toString(), 1L,
                        WireJson.strict().valueToTree(someoneElses)),
                new Change(ChangeType.WORK, ChangeOp.UPSERT, workId.toString(), 1L, work)), "cursor-1");

        assertThat(journal.find(e.id()).orElseThrow().server().status()).isEqualTo(ObservationStatus.VERIFIED);
        assertThat(journal.find(fromTablet2.id()).orElseThrow().state()).isEqualTo(EntryState.SYNCED);
        assertThat(journal.find(someoneElses.id())).isEmpty();
        assertThat(journal.works(ANA)).singleElement().satisfies(w -> {
            assertThat(w.name()).isEqualTo("Parque Madero");
            assertThat(w.geometry()).isNotNull();
        });
        assertThat(journal.pullCursor(ANA)).isEqualTo("cursor-1");

        journal.applyPull(ANA, List.of(new Change(ChangeType.WORK, ChangeOp.REMOVE, workId.toString(), null, null)), "cursor-2");
        FileJournal reopened = FileJournal.open(dir, "tab-017", CLOCK);
        assertThat(reopened.works(ANA)).isEmpty();
        assertThat(reopened.pullCursor(ANA)).isEqualTo("cursor-2");
        assertThat(reopened.find(e.id()).orElseThrow().server().status()).isEqualTo(ObservationStatus.VERIFIED);
    }
}
