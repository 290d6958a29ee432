package mx.implan.brujula.app.ui.capture;

import mx.implan.brujula.app.journal.Draft;
import mx.implan.brujula.app.journal.EntryState;
import mx.implan.brujula.app.journal.JournalEntry;
import mx.implan.brujula.app.ui.fixtures.FieldAppTest;
import mx.implan.brujula.app.ui.fixtures.SampleData;
import mx.implan.brujula.app.ui.home.HomeScreen;
import mx.implan.brujula.model.Ids;
import mx.implan.brujula.model.observation.Observation;
import mx.implan.brujula.model.observation.ObservationKind;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.testfx.matcher.control.LabeledMatchers.hasText;

/** Capturing each kind through the screens, down to what the journal receives. */
class CaptureFlowTest extends FieldAppTest {

    @Test
    void riskPointTakesFiveTaps() {
        tap("#new-observation");
        tap("#kind-RISK");
        tap("#hazard-HUNDIMIENTO");
        tap("#severity-4");
        scrollToTop();
        screenshot("capture-form");
        tap("#save");

        Observation saved = onlySaved().observation();
        assertThat(saved.kind()).isEqualTo(ObservationKind.RISK);
        assertThat(saved.geometry()).isInstanceOf(Point.class);
        // The simulated GPS's first fix, read as the form opened, with its accuracy.
        assertThat(saved.geometry().getCoordinate().y).isEqualTo(29.0729);
        assertThat(saved.geometry().getCoordinate().x).isEqualTo(-110.9559);
        assertThat(saved.accuracyM()).isEqualTo(6.0);
        assertThat(saved.attributes()).containsEntry("hazard", "HUNDIMIENTO").containsEntry("severity", 4);
        assertThat(saved.capturedAt().toInstant()).isEqualTo(SampleData.NOW);
        assertThat(shell.current()).isInstanceOf(HomeScreen.class);
        JournalEntry entry = preview.journal().find(saved.id()).orElseThrow();
        assertThat(entry.state()).isEqualTo(EntryState.PENDING);
        assertThat(entry.local().opId()).isNotNull();
    }

    @Test
    void urbanImageWithSeveralPhotos() {
        tap("#new-observation");
        tap("#kind-URBAN_IMAGE");
        tap("#issue-BACHE");
        tap("#severity-2");
        tap("#add-photo");
        tap("#add-photo");
        assertThat(lookup(".photo-thumb").queryAll()).hasSize(2);
        type("#notes", "Bache profundo frente a la escuela");
        tap("#save");

        Draft draft = onlySaved();
        assertThat(draft.newPhotoFiles()).extracting(p -> p.getFileName().toString())
                .containsExactly("foto-1.png", "foto-2.png");
        JournalEntry entry = preview.journal().find(draft.observation().id()).orElseThrow();
        assertThat(entry.local().photos()).hasSize(2)
                .allSatisfy(p -> assertThat(p.sha256()).hasSize(64).matches("[0-9a-f]+"));
        assertThat(entry.local().notes()).isEqualTo("Bache profundo frente a la escuela");
        assertThat(entry.local().attributes()).containsEntry("issue", "BACHE").containsEntry("severity", 2);
    }

    @Test
    void greenAreaPolygonWalkedWithTheGps() {
        tap("#new-observation");
        tap("#kind-GREEN_AREA");
        tap("#add-vertex");
        tap("#add-vertex");
        tap("#add-vertex");
        tap("#areaType-PARQUE");
        tap("#condition-BUENO");
        type("#attr-trees", "12");
        tap("#attr-irrigation");
        tap("#save");

        Observation saved = onlySaved().observation();
        assertThat(saved.geometry()).isInstanceOf(Polygon.class);
        assertThat(saved.geometry().getCoordinates()).hasSize(4); // three walked vertices, ring closed
        assertThat(saved.attributes()).containsEntry("areaType", "PARQUE").containsEntry("condition", "BUENO")
                .containsEntry("trees", 12).containsEntry("irrigation", true);
    }

    @Test
    void worksProgressReportedFromTheWorkDetail() {
        tap(".work-row");
        assertThat(lookup("#work-progress").queryLabeled().getText()).contains("sin avance reportado");
        interact(() -> shell.back());
        interact(() -> shell.openWork(SampleData.PARK_WORK));
        assertThat(lookup("#work-progress").queryLabeled().getText())
                .isEqualTo("Último avance reportado: 45 % de avance");
        // 24 of the 30 days from 1 Nov (50 %) to 1 Dec (80 %) on the sample clock (25 Nov)
        assertThat(lookup("#work-planned").queryLabeled().getText()).isEqualTo("Avance planeado para hoy: 74 %");
        assertThat(lookup("#work-gap").queryLabeled().getText()).isEqualTo("29 puntos por debajo del plan");
        assertThat(lookup("#work-gap").queryLabeled().getStyleClass()).contains("work-behind");
        assertThat(lookup(hasText("Rescate de Espacios Públicos")).tryQuery()).isPresent();
        screenshot("work-detail");
        tap("#report-progress");
        type("#attr-progressPercent", "60,5");
        tap("#stage-ACABADOS");
        type("#attr-workersOnSite", "8");
        tap("#add-photo");
        tap("#save");

        Draft draft = onlySaved();
        assertThat(draft.observation().kind()).isEqualTo(ObservationKind.WORKS_PROGRESS);
        assertThat(draft.observation().attributes())
                .containsEntry("publicWorkId", SampleData.PARK_WORK.toString())
                .containsEntry("progressPercent", new BigDecimal("60.5"))
                .containsEntry("stage", "ACABADOS")
                .containsEntry("workersOnSite", 8);
        assertThat(draft.newPhotoFiles()).hasSize(1);
    }

    @Test
    void lineDrawnByTappingTheMap() {
        tap("#new-observation");
        tap("#kind-RISK");
        tap("#shape-LINE");
        tap("#pick-on-map");
        clickOn("#pick-map");
        moveBy(60, 40);
        clickOn(javafx.scene.input.MouseButton.PRIMARY);
        tap("#pick-done");
        assertThat(lookup("#location").queryLabeled().getText()).startsWith("2 vértices");
        tap("#hazard-CABLEADO");
        tap("#severity-3");
        tap("#save");

        Observation saved = onlySaved().observation();
        assertThat(saved.geometry()).isInstanceOf(LineString.class);
        assertThat(saved.geometry().getCoordinates()).hasSize(2);
        assertThat(saved.geometry().getCoordinates()[0]).isNotEqualTo(saved.geometry().getCoordinates()[1]);
        // Placed by hand on the map: no GPS accuracy to claim.
        assertThat(saved.accuracyM()).isNull();
    }

    @Test
    void editingASyncedEntryKeepsItsIdAndBuildsOnTheServersRevision() {
        var id = Ids.nameBased("sample-" + EntryState.SYNCED);
        interact(() -> shell.openEntry(preview.journal().find(id).orElseThrow()));
        assertThat(lookup("#attr-workersOnSite").queryTextInputControl().getText()).isEqualTo("12");
        type("#attr-workersOnSite", "15");
        tap("#save");

        Draft draft = onlySaved();
        assertThat(draft.observation().id()).isEqualTo(id);
        JournalEntry entry = preview.journal().find(id).orElseThrow();
        assertThat(entry.local().baseRev()).isEqualTo(2L);
        assertThat(entry.local().attributes()).containsEntry("workersOnSite", 15);
        assertThat(entry.state()).isEqualTo(EntryState.PENDING);
    }

    @Test
    void aPhotoThatLeftTheDeviceShowsItsThumbnailWhenTheEntryIsOpened() throws Exception {
        var id = Ids.nameBased("sample-" + EntryState.SYNCED);
        JournalEntry synced = preview.journal().find(id).orElseThrow();
        java.nio.file.Path thumb = mx.implan.brujula.app.journal.Captures.jpeg(
                java.nio.file.Files.createTempDirectory("brujula-thumbs"), "miniatura", 3_000);
        String sha = "ab".repeat(32);
        mx.implan.brujula.model.observation.PhotoRef ref = new mx.implan.brujula.model.observation.PhotoRef(sha,
                "image/jpeg", 2_481_121L, synced.local().capturedAt());
        interact(() -> {
            preview.journal().put(new JournalEntry(id, synced.owner(), synced.local().toBuilder().photos(List.of(ref)).build(),
                    synced.server(), synced.state(), List.of(), List.of(), null, synced.savedAt()));
            preview.journal().photoLeft(sha, thumb);
            shell.openEntry(preview.journal().find(id).orElseThrow());
        });

        javafx.scene.control.Button photo = lookup(".photo-thumb").queryButton();
        assertThat(photo.getGraphic()).isInstanceOf(javafx.scene.image.ImageView.class);
        assertThat(photo.getText()).isNull();
        reveal(photo);
        screenshot("capture-photo-thumbnail");
    }

    private Draft onlySaved() {
        List<Draft> saved = preview.journal().saved();
        assertThat(saved).hasSize(1);
        return saved.get(0);
    }
}
