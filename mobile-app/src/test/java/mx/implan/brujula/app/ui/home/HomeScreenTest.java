package mx.implan.brujula.app.ui.home;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import mx.implan.brujula.app.journal.EntryState;
import mx.implan.brujula.app.sync.SyncStatus;
import mx.implan.brujula.app.ui.Texts;
import mx.implan.brujula.app.ui.fixtures.FieldAppTest;
import mx.implan.brujula.app.ui.fixtures.SampleData;
import mx.implan.brujula.model.Ids;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class HomeScreenTest extends FieldAppTest {

    private static final Map<EntryState, String> SPANISH = Map.of(
            EntryState.SAVED, "guardado", EntryState.PENDING, "pendiente", EntryState.SENDING, "enviando",
            EntryState.SYNCED, "sincronizado", EntryState.CONFLICT, "conflicto", EntryState.REJECTED, "rechazado",
            EntryState.PHOTOS_PENDING, "fotos pendientes");

    @Test
    void everyEntryShowsItsStateChip() {
        for (EntryState state : EntryState.values()) {
            javafx.scene.layout.VBox row = rowOf(Ids.nameBased("sample-" + state));
            Label chip = (Label) row.lookup(".chip");
            assertThat(chip.getText()).as(state.name()).isEqualTo(SPANISH.get(state));
            assertThat(chip.getStyleClass()).contains("chip-" + state.name().toLowerCase().replace('_', '-'));
            assertThat(row.getAccessibleText()).contains(SPANISH.get(state));
        }
        screenshot("home");
        reveal(rowOf(Ids.nameBased("sample-" + EntryState.CONFLICT)));
        screenshot("home-states");
    }

    @Test
    void rejectedEntryShowsTheServersReason() {
        javafx.scene.layout.VBox row = rowOf(Ids.nameBased("sample-" + EntryState.REJECTED));
        assertThat(row.getAccessibleText()).contains("Rechazado por el servidor: El polígono se cruza consigo mismo");
        assertThat(((Label) row.lookup(".row-reason")).getText()).contains("El polígono se cruza consigo mismo");
    }

    @Test
    void photosPendingSaysHowManyAreMissing() {
        javafx.scene.layout.VBox row = rowOf(Ids.nameBased("sample-" + EntryState.PHOTOS_PENDING));
        assertThat(row.getAccessibleText()).contains("Falta enviar 2 fotos").contains("Estado: verificado");
    }

    @Test
    void syncBarShowsTheEngineStatusAndAsksForASync() {
        Label status = lookup("#sync-status").queryAs(Label.class);
        assertThat(status.getText()).startsWith("Sin conexión · 4 pendientes · última: 09:33");
        tap("#sync-now");
        assertThat(preview.sync().requests()).isEqualTo(1);

        interact(() -> preview.sync().status(new SyncStatus(SyncStatus.Phase.SIGN_IN_REQUIRED, 4, null, null, null)));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(status.getText()).startsWith("Inicia sesión de nuevo para enviar");
        assertThat(lookup("#sync-now").queryButton().getText()).isEqualTo("Iniciar sesión");
    }

    @Test
    void aServerThatCannotServeReadsNoConnectionWithTheServerWithTheRetryTime() {
        Label status = lookup("#sync-status").queryAs(Label.class);
        java.time.Instant retry = preview.context().clock().instant().plusSeconds(30);
        String at = java.time.format.DateTimeFormatter.ofPattern("HH:mm")
                .format(retry.atZone(preview.context().clock().getZone()));

        interact(() -> preview.sync().status(new SyncStatus(SyncStatus.Phase.SERVER_UNAVAILABLE, 4, null, retry,
                "Sin conexión con el servidor: no puede atender ahora; se reintentará a la hora que indicó.")));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(status.getText()).isEqualTo("Sin conexión con el servidor · Reintento a las " + at + " · 4 pendientes");
        assertThat(lookup("#sync-now").queryButton().getText()).isEqualTo("Sincronizar");
        assertThat(lookup("#sync-now").queryButton().isDisabled()).isFalse();
        screenshot("home-server-unavailable");
    }

    @Test
    void everySyncPhaseHasATextInBothLanguages() {
        for (java.util.Locale l : List.of(java.util.Locale.forLanguageTag("es"), java.util.Locale.ENGLISH)) {
            Texts t = new Texts(l);
            for (SyncStatus.Phase p : SyncStatus.Phase.values()) {
                assertThat(t.has("sync." + p.name())).as(l + " " + p).isTrue();
            }
        }
        assertThat(new Texts(java.util.Locale.ENGLISH).get("sync.SERVER_UNAVAILABLE")).isEqualTo("No connection to the server");
    }

    @Test
    void listFollowsJournalChanges() {
        int before = lookup("#entries").queryAs(javafx.scene.layout.VBox.class).getChildren().size();
        interact(() -> SampleData.seed(preview.journal()));
        assertThat(lookup("#entries").queryAs(javafx.scene.layout.VBox.class).getChildren()).hasSize(before);
        assertThat(lookup("#works").queryAs(javafx.scene.layout.VBox.class).getChildren()).hasSize(3);
    }

    @Test
    void everyStateHasALabelInBothLanguages() {
        for (java.util.Locale l : List.of(java.util.Locale.forLanguageTag("es"), java.util.Locale.ENGLISH)) {
            Texts t = new Texts(l);
            for (EntryState s : EntryState.values()) {
                assertThat(t.has("EntryState." + s.name())).as(l + " " + s).isTrue();
            }
        }
    }

    private javafx.scene.layout.VBox rowOf(UUID id) {
        return lookup(".entry-row").queryAllAs(javafx.scene.layout.VBox.class).stream()
                .filter(b -> id.equals(b.getUserData())).findFirst().orElseThrow();
    }
}
