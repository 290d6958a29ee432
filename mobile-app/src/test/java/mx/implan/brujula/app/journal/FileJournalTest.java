package mx.implan.brujula.app.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import mx.implan.brujula.app.storage.AtomicFiles;
import mx.implan.brujula.model.observation.Observation;
import mx.implan.brujula.model.sync.FieldError;
import mx.implan.brujula.model.sync.PushResult;
import mx.implan.brujula.model.sync.PushStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileJournalTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T17:15:00Z"), ZoneOffset.ofHours(-7));
    private static final String ANA = "ana";

    @TempDir
    Path dir;

    private FileJournal open() {
        return FileJournal.open(dir.resolve("journal"), "tab-017", CLOCK, Locale.forLanguageTag("es-MX"));
    }

    @Test
    void aSaveIsOnDiskWithItsPhotoHashedAndSurvivesAReopen() throws IOException {
        Path photo = Captures.jpeg(dir.resolve("gallery"), "socavon", 20_000);
        String sha = HexFormat.of().formatHex(AtomicFiles.sha256().digest(Files.readAllBytes(photo)));
        JournalEntry saved = open().save(Captures.draft(ANA, Captures.risk("Socavón", 4), photo));

        assertThat(saved.state()).isEqualTo(EntryState.PENDING);
        assertThat(saved.local().opId()).isNotNull();
        assertThat(saved.local().deviceId()).isEqualTo("tab-017");
        assertThat(saved.local().baseRev()).isZero();
        assertThat(saved.local().photos()).singleElement().satisfies(p -> {
            assertThat(p.sha256()).isEqualTo(sha);
            assertThat(p.mediaType()).isEqualTo("image/jpeg");
            assertThat(p.bytes()).isEqualTo(Files.size(photo));
        });
        // The gallery file may go away: the journal holds its own copy.
        Files.delete(photo);

        FileJournal reopened = open();
        assertThat(reopened.find(saved.id())).contains(saved);
        assertThat(reopened.entries(ANA)).containsExactly(saved);
        assertThat(reopened.photo(sha)).hasValueSatisfying(p -> assertThat(sha256(p)).isEqualTo(sha));
        assertThat(reopened.corruptFiles()).isEmpty();
    }

    @Test
    void everySaveGetsAFreshOpIdAndAnEditOfASyncedEntryCarriesItsRev() {
        FileJournal journal = open();
        Observation risk = Captures.risk("Socavón", 4);
        JournalEntry first = journal.save(Captures.draft(ANA, risk));
        JournalEntry second = journal.save(Captures.draft(ANA, first.local().toBuilder().notes("Socavón creció").build()));
        assertThat(second.local().opId()).isNotEqualTo(first.local().opId());
        assertThat(second.local().baseRev()).isZero();

        List<Observation> writes = journal.beginPush(ANA, 10);
        journal.applyPush(writes, List.of(new PushResult(risk.id(), writes.get(0).opId(), PushStatus.CREATED, 1L,
                List.of(), List.of(), null, null)));
        assertThat(journal.find(risk.id()).orElseThrow().state()).isEqualTo(EntryState.SYNCED);

        JournalEntry edit = journal.save(Captures.draft(ANA, journal.find(risk.id()).orElseThrow().local().toBuilder()
                .notes("Cinta puesta").build()));
        assertThat(edit.local().baseRev()).isEqualTo(1L);
        assertThat(edit.state()).isEqualTo(EntryState.PENDING);
        assertThat(edit.local().opId()).isNotIn(first.local().opId(), second.local().opId());
    }

    @Test
    void anInvalidDraftNamesEachFieldAndWritesNothing() throws IOException {
        FileJournal journal = open();
        Path photo = Captures.jpeg(dir.resolve("gallery"), "p", 5_000);
        Observation bad = Captures.risk("x", 9).toBuilder()
                .geometry(Captures.WGS84.createPoint(new org.locationtech.jts.geom.Coordinate(-110.96, 95))).build();

        assertThatThrownBy(() -> journal.save(Captures.draft(ANA, bad, photo)))
                .isInstanceOfSatisfying(InvalidDraftException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field, FieldError::code)
                        .contains(org.assertj.core.groups.Tuple.tuple("geometry.coordinates[1]", "LAT_RANGE"),
                                org.assertj.core.groups.Tuple.tuple("attributes.severity", "SEVERITY_RANGE")));
        assertThat(journal.entries(ANA)).isEmpty();
        assertThat(listFiles(dir.resolve("journal/entries"))).isEmpty();
        assertThat(listFiles(dir.resolve("journal/photos"))).isEmpty();
    }

    @Test
    void aFileThatIsNoImageIsRefusedAtItsField() throws IOException {
        Path notes = dir.resolve("notas.jpg");
        Files.writeString(notes, "<html>not a photo</html>");
        assertThatThrownBy(() -> open().save(Captures.draft(ANA, Captures.risk("x", 3), notes)))
                .isInstanceOfSatisfying(InvalidDraftException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field, FieldError::code)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple("photos[0].mediaType", "MEDIA_TYPE")));
    }

    @Test
    void anotherUserCannotEditSomeoneElsesEntry() {
        FileJournal journal = open();
        JournalEntry anas = journal.save(Captures.draft(ANA, Captures.risk("de Ana", 3)));
        assertThatThrownBy(() -> journal.save(Captures.draft("beto", anas.local())))
                .isInstanceOfSatisfying(InvalidDraftException.class,
                        e -> assertThat(e.errors()).extracting(FieldError::code).containsExactly("NOT_OWNER"));
        assertThat(journal.find(anas.id()).orElseThrow().local().notes()).isEqualTo("de Ana");
    }

    @Test
    void aDamagedEntryIsReportedAndKeptWhileTheOthersLoad() throws IOException {
        FileJournal journal = open();
        JournalEntry good = journal.save(Captures.draft(ANA, Captures.risk("bien", 3)));
        JournalEntry damaged = journal.save(Captures.draft(ANA, Captures.risk("dañada", 3)));
        JournalEntry truncated = journal.save(Captures.draft(ANA, Captures.risk("truncada", 3)));
        Path damagedFile = dir.resolve("journal/entries/" + damaged.id() + ".entry");
        byte[] bytes = Files.readAllBytes(damagedFile);
        int at = new String(bytes, StandardCharsets.UTF_8).indexOf("dañada");
        bytes[at] = 'D'; // one flipped byte, same length
        Files.write(damagedFile, bytes);
        Path truncatedFile = dir.resolve("journal/entries/" + truncated.id() + ".entry");
        byte[] whole = Files.readAllBytes(truncatedFile);
        Files.write(truncatedFile, java.util.Arrays.copyOf(whole, whole.length / 2));

        FileJournal reopened = open();

        assertThat(reopened.find(good.id())).contains(good);
        assertThat(reopened.corruptFiles()).containsExactlyInAnyOrder(damagedFile, truncatedFile);
        assertThat(Files.readAllBytes(damagedFile)).isEqualTo(bytes); // never deleted or rewritten
        assertThat(reopened.find(damaged.id())).isEmpty();
    }

    @Test
    void temporaryFilesOfAnInterruptedSaveAreRemovedAndNeverRead() throws IOException {
        FileJournal journal = open();
        JournalEntry kept = journal.save(Captures.draft(ANA, Captures.risk("guardada", 3)));
        Path leftover = dir.resolve("journal/entries/" + AtomicFiles.TEMP_PREFIX + UUID.randomUUID());
        Files.writeString(leftover, "half a write");

        FileJournal reopened = open();

        assertThat(Files.exists(leftover)).isFalse();
        assertThat(reopened.entries(ANA)).containsExactly(kept);
        assertThat(reopened.corruptFiles()).isEmpty();
    }

    @Test
    void aLongGpsTrackIsSimplifiedUnderTheServerLimitAndStaysValid() {
        int n = 20_000;
        org.locationtech.jts.geom.Coordinate[] line = new org.locationtech.jts.geom.Coordinate[n];
        for (int i = 0; i < n; i++) {
            // A wobbly walk along a street: one fix a second for five and a half hours.
            line[i] = new org.locationtech.jts.geom.Coordinate(-110.97 + i * 1e-6, 29.07 + 1e-5 * Math.sin(i / 30.0));
        }
        Observation track = Captures.risk("recorrido", 2).toBuilder()
                .geometry(Captures.WGS84.createLineString(line)).build();
        int m = 12_000;
        org.locationtech.jts.geom.Coordinate[] ring = new org.locationtech.jts.geom.Coordinate[m + 1];
        for (int i = 0; i < m; i++) {
            double a = 2 * Math.PI * i / m;
            double r = 0.001 * (1 + 0.05 * Math.sin(a * 40));
            ring[i] = new org.locationtech.jts.geom.Coordinate(-110.95 + r * Math.cos(a), 29.08 + r * Math.sin(a));
        }
        ring[m] = ring[0];
        Observation park = Captures.risk("parque", 2).toBuilder()
                .geometry(Captures.WGS84.createPolygon(ring)).build();

        FileJournal journal = open();
        JournalEntry savedTrack = journal.save(Captures.draft(ANA, track));
        JournalEntry savedPark = journal.save(Captures.draft(ANA, park));

        for (JournalEntry e : List.of(savedTrack, savedPark)) {
            assertThat(e.local().geometry().getNumPoints()).isBetween(1_000, 5_000);
            assertThat(e.local().geometry().isValid()).isTrue();
        }
        assertThat(savedTrack.local().geometry().getGeometryType()).isEqualTo("LineString");
        assertThat(savedTrack.local().geometry().getCoordinates()[0]).isEqualTo(line[0]);
        assertThat(savedTrack.local().geometry().getCoordinates()[savedTrack.local().geometry().getNumPoints() - 1])
                .isEqualTo(line[n - 1]);
        assertThat(savedPark.local().geometry().getGeometryType()).isEqualTo("Polygon");
        // The shape barely moves: area within 1 % of the walked one.
        assertThat(savedPark.local().geometry().getArea()).isCloseTo(park.geometry().getArea(),
                org.assertj.core.data.Percentage.withPercentage(1));
    }

    @Test
    void aJournalFromANewerAppIsLeftAlone() throws IOException {
        Path journalDir = dir.resolve("journal");
        Files.createDirectories(journalDir);
        Files.writeString(journalDir.resolve("FORMAT"), "brujula-journal 3\n");
        assertThatThrownBy(this::open).isInstanceOf(JournalException.class).hasMessageContaining("newer app");
        assertThat(Files.readString(journalDir.resolve("FORMAT"))).isEqualTo("brujula-journal 3\n");
    }

    static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(AtomicFiles.sha256().digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static List<Path> listFiles(Path d) throws IOException {
        try (var s = Files.list(d)) {
            return s.toList();
        }
    }
}
