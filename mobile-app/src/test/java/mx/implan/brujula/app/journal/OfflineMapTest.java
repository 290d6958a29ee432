package mx.implan.brujula.app.journal;

import mx.implan.brujula.model.sync.Change;
import mx.implan.brujula.model.sync.ChangeOp;
import mx.implan.brujula.model.sync.ChangeType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The offline map in the journal: kept across restarts, wanted again when pull reports a change of the user's zones. */
class OfflineMapTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T17:15:00Z"), ZoneOffset.UTC);
    private static final String ANA = "ana";
    static final String PACKAGE = """
            {"version":"%s","scope":"ZONES",
             "zones":{"type":"FeatureCollection","features":[
               {"type":"Feature","id":"2603000011869","geometry":{"type":"MultiPolygon","coordinates":[[[[-110.96,29.07],[-110.95,29.07],[-110.95,29.08],[-110.96,29.08],[-110.96,29.07]]]]},
                "properties":{"type":"AGEB","name":"AGEB 1869","label":[-110.955,29.075]}},
               {"type":"Feature","id":"bad","geometry":{"type":"Circle"},"properties":{"type":"AGEB","name":"x","label":[0,0]}}]},
             "works":{"type":"FeatureCollection","features":[
               {"type":"Feature","id":"w1","geometry":{"type":"Point","coordinates":[-110.955,29.074]},"properties":{"code":"OP-1","name":"Parque"}}]},
             "boundary":{"type":"FeatureCollection","features":[
               {"type":"Feature","id":"26030","geometry":{"type":"Polygon","coordinates":[[[-111.5,28.5],[-110.5,28.5],[-110.5,29.5],[-111.5,29.5],[-111.5,28.5]]]},"properties":{"type":"MUNICIPALITY","name":"Hermosillo"}}]}}
            """;

    @TempDir
    Path dir;
    private FileJournal journal;

    @BeforeEach
    void open() {
        journal = FileJournal.open(dir, "tab-017", CLOCK, Locale.forLanguageTag("es-MX"));
    }

    static byte[] mapPackage(String version) {
        return PACKAGE.formatted(version).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aStoredMapIsReadBackAfterARestartWithWhatCanBeDrawn() {
        assertThat(journal.offlineMapWanted(ANA)).isTrue();
        journal.saveOfflineMap(ANA, mapPackage("a".repeat(64)));

        FileJournal reopened = FileJournal.open(dir, "tab-017", CLOCK);
        OfflineMap map = reopened.offlineMap(ANA).orElseThrow();
        assertThat(map.version()).isEqualTo("a".repeat(64));
        // The shape this app cannot read is left out, the rest is kept.
        assertThat(map.zones()).singleElement().satisfies(z -> {
            assertThat(z.name()).isEqualTo("AGEB 1869");
            assertThat(z.labelLat()).isEqualTo(29.075);
            assertThat(z.geometry().getGeometryType()).isEqualTo("MultiPolygon");
        });
        assertThat(map.works()).extracting(OfflineMap.Work::code).containsExactly("OP-1");
        assertThat(map.boundary()).hasSize(1);
        assertThat(reopened.offlineMapWanted(ANA)).isFalse();
        assertThat(reopened.offlineMap("beto")).isEmpty();
    }

    @Test
    void aZoneOrAssignmentChangeInPullMakesTheMapWantedAgainEvenAfterARestart() {
        journal.saveOfflineMap(ANA, mapPackage("a".repeat(64)));
        journal.applyPull(ANA, List.of(new Change(ChangeType.ASSIGNMENT, ChangeOp.REMOVE, "2603000011869", null, null)), "c1");
        assertThat(journal.offlineMapWanted(ANA)).isTrue();
        // the old map stays drawable until the new one arrives
        assertThat(journal.offlineMapVersion(ANA)).contains("a".repeat(64));

        FileJournal reopened = FileJournal.open(dir, "tab-017", CLOCK);
        assertThat(reopened.offlineMapWanted(ANA)).isTrue();
        reopened.offlineMapCurrent(ANA);
        assertThat(reopened.offlineMapWanted(ANA)).isFalse();

        reopened.applyPull(ANA, List.of(new Change(ChangeType.OBSERVATION, ChangeOp.REMOVE, "x", null, null)), "c2");
        assertThat(reopened.offlineMapWanted(ANA)).isFalse();
        reopened.applyPull(ANA, List.of(new Change(ChangeType.ZONE, ChangeOp.UPSERT, "2603000011869", 2L, null)), "c3");
        assertThat(reopened.offlineMapWanted(ANA)).isTrue();
        reopened.saveOfflineMap(ANA, mapPackage("b".repeat(64)));
        assertThat(reopened.offlineMapWanted(ANA)).isFalse();
        assertThat(reopened.offlineMap(ANA).orElseThrow().version()).isEqualTo("b".repeat(64));
    }

    @Test
    void somethingThatIsNotAMapIsRefusedAndADamagedFileIsFetchedAgain() throws Exception {
        assertThatThrownBy(() -> journal.saveOfflineMap(ANA, "{\"hello\":1}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(JournalException.class);
        journal.saveOfflineMap(ANA, mapPackage("c".repeat(64)));
        try (var files = Files.list(dir.resolve("maps"))) {
            Path file = files.filter(f -> f.toString().endsWith(".map")).findFirst().orElseThrow();
            byte[] bytes = Files.readAllBytes(file);
            bytes[bytes.length / 2] ^= 0x20;
            Files.write(file, bytes);
        }
        FileJournal reopened = FileJournal.open(dir, "tab-017", CLOCK);
        assertThat(reopened.offlineMap(ANA)).isEmpty();
        assertThat(reopened.offlineMapWanted(ANA)).isTrue();
    }
}
