package mx.implan.brujula.app.ui;

import javafx.scene.control.Label;
import mx.implan.brujula.app.ui.fixtures.FieldAppTest;
import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** The English bundle drives the same screens. */
class EnglishUiTest extends FieldAppTest {

    @Override
    protected Locale locale() {
        return Locale.ENGLISH;
    }

    @Test
    void homeAndCaptureSpeakEnglish() {
        assertThat(lookup(".chip").queryAllAs(Label.class)).extracting(Label::getText)
                .contains("saved", "pending", "sending", "synced", "conflict", "rejected", "photos pending");
        assertThat(lookup("#new-observation").queryButton().getText()).isEqualTo("New");
        tap("#new-observation");
        tap("#kind-RISK");
        tap("#save");
        assertThat(row("hazard").errorText()).isEqualTo("This field is required.");
        assertThat(visibleTexts()).noneMatch(text -> text.startsWith("!"));
    }
}
