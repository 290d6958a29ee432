package mx.implan.brujula.app.ui;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import mx.implan.brujula.app.ui.fixtures.FieldAppTest;
import mx.implan.brujula.app.ui.fixtures.SampleData;
import mx.implan.brujula.model.observation.ObservationKind;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** With the text-size setting at 150 % everything grows (sizes are em of the root) and still fits the width. */
class LargeTextTest extends FieldAppTest {

    @Override
    protected SampleData.Preview preview(Path photoDir) {
        return SampleData.withFontScale(SampleData.inspector(photoDir, locale()), 1.5);
    }

    @Test
    void textAndTargetsScaleWithTheSetting() {
        Button capture = lookup("#new-observation").queryButton();
        assertThat(capture.getFont().getSize()).isEqualTo(24.0);
        assertThat(capture.getHeight()).isGreaterThanOrEqualTo(72);
        Label section = lookup(".section").queryAs(Label.class);
        assertThat(section.getFont().getSize()).isCloseTo(26.4, org.assertj.core.data.Offset.offset(0.05));
        assertThat(truncatedTexts()).isEmpty();
        screenshot("home-large-text");

        interact(() -> shell.openCapture(CaptureRequest.create(SampleData.INSPECTOR).withKind(ObservationKind.RISK)));
        // One column: nothing is wider than the window.
        lookup(".button").queryAllAs(Button.class).stream().filter(javafx.scene.Node::isVisible).forEach(b ->
                assertThat(b.localToScene(b.getBoundsInLocal()).getMaxX()).as(b.getText())
                        .isLessThanOrEqualTo(WIDTH + 0.5));
        assertThat(truncatedTexts()).isEmpty();
        screenshot("capture-large-text");
    }
}
