package mx.implan.brujula.app.ui.conflicts;

import javafx.scene.control.Label;
import mx.implan.brujula.app.journal.EntryState;
import mx.implan.brujula.app.journal.JournalEntry;
import mx.implan.brujula.app.ui.fixtures.FieldAppTest;
import mx.implan.brujula.app.ui.home.HomeScreen;
import mx.implan.brujula.model.Ids;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ConflictScreenTest extends FieldAppTest {

    private static final UUID ID = Ids.nameBased("sample-" + EntryState.CONFLICT);

    @Test
    void showsEachDifferingFieldMineBesideTheServers() {
        openConflict();
        assertThat(shell.current()).isInstanceOf(ConflictScreen.class);
        List<String> mine = texts(".conflict-mine");
        List<String> server = texts(".conflict-server");
        assertThat(texts(".conflict-field")).containsExactlyInAnyOrder("Notas", "Severidad", "Personas expuestas");
        assertThat(mine).contains("Socavón de 2 m junto a la banqueta", "4", "45");
        assertThat(server).contains("Socavón de 3 m; acordonado por Protección Civil", "5", "30");
        screenshot("conflict");
    }

    @Test
    void keepMinePushesMineOnTopOfTheServersRevision() {
        openConflict();
        tap("#keep-mine");
        assertThat(preview.journal().resolutions()).containsExactly("keepMine:" + ID);
        JournalEntry entry = preview.journal().find(ID).orElseThrow();
        assertThat(entry.state()).isEqualTo(EntryState.PENDING);
        assertThat(entry.local().baseRev()).isEqualTo(3L);
        assertThat(shell.current()).isInstanceOf(HomeScreen.class);
    }

    @Test
    void takeServerAdoptsTheServersCopy() {
        openConflict();
        tap("#take-server");
        assertThat(preview.journal().resolutions()).containsExactly("takeServer:" + ID);
        JournalEntry entry = preview.journal().find(ID).orElseThrow();
        assertThat(entry.state()).isEqualTo(EntryState.SYNCED);
        assertThat(entry.local().attributes()).containsEntry("severity", 5);
    }

    private void openConflict() {
        javafx.scene.Node row = lookup(".entry-row").queryAll().stream()
                .filter(n -> ID.equals(n.getUserData())).findFirst().orElseThrow();
        reveal(row);
        clickOn(row);
    }

    private List<String> texts(String query) {
        return lookup(query).queryAllAs(Label.class).stream().map(Label::getText).toList();
    }
}
