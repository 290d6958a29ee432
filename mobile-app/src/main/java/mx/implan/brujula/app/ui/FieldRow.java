package mx.implan.brujula.app.ui;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** A labelled form field with its error line underneath, where validation messages appear in place. */
public final class FieldRow extends VBox {

    private final Label error = new Label();

    public FieldRow(String label, Node control) {
        Label caption = new Label(label);
        caption.getStyleClass().add("field-label");
        caption.setLabelFor(control);
        caption.setWrapText(true);
        error.getStyleClass().add("field-error");
        error.setWrapText(true);
        error.setMaxWidth(Double.MAX_VALUE);
        getStyleClass().add("field-row");
        // The error goes right under the field's name: with a long list of chips it would be off screen below.
        getChildren().addAll(caption, error, control);
        clearError();
    }

    public void showError(String message) {
        String text = error.isVisible() && !error.getText().isEmpty() && !error.getText().equals(message)
                ? error.getText() + "\n" + message : message;
        error.setText(text);
        error.setAccessibleText(text);
        error.setVisible(true);
        error.setManaged(true);
        pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("invalid"), true);
    }

    public void clearError() {
        error.setText("");
        error.setVisible(false);
        error.setManaged(false);
        pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("invalid"), false);
    }

    public boolean hasError() {
        return error.isVisible();
    }

    public String errorText() {
        return error.getText();
    }
}
