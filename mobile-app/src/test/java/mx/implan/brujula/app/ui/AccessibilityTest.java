package mx.implan.brujula.app.ui;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.Region;
import mx.implan.brujula.app.journal.EntryState;
import mx.implan.brujula.app.ui.fixtures.FieldAppTest;
import mx.implan.brujula.app.ui.fixtures.SampleData;
import mx.implan.brujula.model.Ids;
import mx.implan.brujula.model.observation.ObservationKind;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On every main screen: each control has an accessible name, each touch target is at least 48 px high, and no
 * text is a missing bundle key.
 */
class AccessibilityTest extends FieldAppTest {

    @Test
    void everyMainScreenPassesTheChecks() {
        checkScreen("home");
        interact(() -> shell.openCapture(CaptureRequest.create(SampleData.INSPECTOR)));
        checkScreen("kind picker");
        for (ObservationKind kind : ObservationKind.values()) {
            interact(() -> shell.openCapture(CaptureRequest.create(SampleData.INSPECTOR).withKind(kind)));
            checkScreen("capture " + kind);
            interact(() -> shell.back());
        }
        interact(() -> shell.openWork(SampleData.PARK_WORK));
        checkScreen("work");
        interact(() -> shell.openEntry(preview.journal().find(Ids.nameBased("sample-" + EntryState.CONFLICT))
                .orElseThrow()));
        checkScreen("conflict");
        interact(() -> shell.openMap(SampleData.INSPECTOR));
        checkScreen("map");
        interact(() -> shell.openAnonymousCitizen());
        checkScreen("citizen");
        interact(() -> shell.openSignIn());
        checkScreen("sign-in");
    }

    private void checkScreen(String name) {
        WaitForAsyncUtils.waitForFxEvents();
        List<Node> nodes = new ArrayList<>();
        interact(() -> collect(scene.getRoot(), nodes));
        assertThat(nodes).as(name).isNotEmpty();
        assertThat(truncatedTexts()).as(name + ": text cut short").isEmpty();
        for (Node n : nodes) {
            if (!n.isVisible()) {
                continue;
            }
            if (n instanceof ButtonBase || n instanceof TextInputControl || n instanceof ComboBox<?>
                    || n.getStyleClass().contains("card")) {
                String spoken = n.getAccessibleText() != null ? n.getAccessibleText()
                        : n instanceof Labeled l ? l.getText() : null;
                assertThat(spoken).as(name + ": accessible name of " + n).isNotBlank();
            }
            if (n instanceof ButtonBase || n instanceof TextInputControl || n instanceof CheckBox
                    || n.getStyleClass().contains("card")) {
                double h = ((Region) n).getHeight();
                assertThat(h).as(name + ": height of " + describe(n)).isGreaterThanOrEqualTo(48);
            }
            if (n instanceof Labeled l && l.getText() != null) {
                assertThat(l.getText()).as(name + ": missing bundle key").doesNotStartWith("!");
            }
        }
    }

    private static String describe(Node n) {
        return n.getClass().getSimpleName() + (n.getId() == null ? "" : "#" + n.getId())
                + (n instanceof Labeled l ? " '" + l.getText() + "'" : "");
    }

    private static void collect(Node node, List<Node> out) {
        out.add(node);
        if (node instanceof Control c && c.getSkin() == null) {
            return;
        }
        if (node instanceof ScrollPane s && s.getContent() != null) {
            collect(s.getContent(), out);
        }
        if (node instanceof Parent p && !(node instanceof TextInputControl) && !(node instanceof ComboBox<?>)) {
            for (Node child : p.getChildrenUnmodifiable()) {
                collect(child, out);
            }
        }
    }
}
