package mx.implan.brujula.app.ui;

import javafx.scene.AccessibleRole;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.input.KeyCode;
import javafx.scene.control.Label;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import mx.implan.brujula.app.journal.EntryState;

import java.util.Locale;

/** Small builders for the controls every screen uses, so names, styles and accessible texts stay uniform. */
public final class Widgets {

    private Widgets() {
    }

    /** A button whose accessible text is its label (screen readers read the icon-free label as is). */
    public static Button button(String text, String styleClass, Runnable action) {
        Button b = new Button(text);
        b.getStyleClass().add(styleClass);
        b.setAccessibleText(text);
        b.setMnemonicParsing(false);
        b.setMaxWidth(Double.MAX_VALUE);
        // Long labels (Spanish runs long, large text settings) wrap instead of being cut with an ellipsis.
        b.setWrapText(true);
        b.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        b.setOnAction(e -> action.run());
        return b;
    }

    public static Button primary(String text, Runnable action) {
        return button(text, "primary", action);
    }

    public static Button secondary(String text, Runnable action) {
        return button(text, "secondary", action);
    }

    public static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("section");
        l.setWrapText(true);
        return l;
    }

    public static Label note(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("note");
        l.setWrapText(true);
        l.setMaxWidth(Double.MAX_VALUE);
        return l;
    }

    /** The coloured state label of a journal entry (style class {@code chip-synced} etc.). */
    public static Label chip(EntryState state, Texts texts) {
        Label l = new Label(texts.label(state));
        l.getStyleClass().addAll("chip", "chip-" + state.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        l.setMinWidth(Label.USE_PREF_SIZE);
        return l;
    }

    /**
     * A tappable list row (style class {@code card}): a box rather than a Button with a graphic, because a box lays
     * out wrapped text at the list's width. Announced as a button; Enter or Space activates it like a tap.
     */
    public static VBox card(String accessibleText, Runnable action, Node... children) {
        VBox card = new VBox(children);
        card.getStyleClass().add("card");
        card.setFillWidth(true);
        card.setMaxWidth(Double.MAX_VALUE);
        card.setFocusTraversable(true);
        card.setAccessibleRole(AccessibleRole.BUTTON);
        card.setAccessibleText(accessibleText);
        card.setOnMouseClicked(e -> {
            if (e.isStillSincePress()) {
                action.run();
            }
        });
        card.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER || e.getCode() == KeyCode.SPACE) {
                action.run();
            }
        });
        return card;
    }

    /** A vertical box that fills the width: the one-column layout of every screen. */
    public static VBox column() {
        VBox box = new VBox();
        box.getStyleClass().add("column");
        box.setFillWidth(true);
        VBox.setVgrow(box, Priority.ALWAYS);
        return box;
    }
}
