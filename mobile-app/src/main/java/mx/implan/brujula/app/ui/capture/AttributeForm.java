package mx.implan.brujula.app.ui.capture;

import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import mx.implan.brujula.app.journal.AssignedWork;
import mx.implan.brujula.app.ui.FieldRow;
import mx.implan.brujula.app.ui.Texts;
import mx.implan.brujula.model.Limits;
import mx.implan.brujula.model.observation.AreaCondition;
import mx.implan.brujula.model.observation.AreaType;
import mx.implan.brujula.model.observation.AttributeKeys;
import mx.implan.brujula.model.observation.Hazard;
import mx.implan.brujula.model.observation.ObservationKind;
import mx.implan.brujula.model.observation.UrbanIssue;
import mx.implan.brujula.model.observation.WorkStage;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The kind-specific fields of an observation. Catalogue values are one-tap chips (no drop-down to open), numbers
 * are text fields with a numeric keyboard hint. The rules themselves are shared-model's: the form only turns
 * text into values and shows, at each field, what the journal's validation says.
 */
final class AttributeForm {

    private interface Input {
        Node control();

        /** The value for the attributes map; null when empty. @throws NumberFormatException unreadable number */
        Object value();

        void set(Object value);
    }

    private final Texts t;
    private final Map<String, Input> inputs = new LinkedHashMap<>();
    private final Map<String, FieldRow> rows = new LinkedHashMap<>();
    private final VBox node = new VBox();

    AttributeForm(ObservationKind kind, Texts texts, List<AssignedWork> works) {
        this.t = texts;
        node.getStyleClass().add("attribute-form");
        switch (kind) {
            case RISK -> {
                add(AttributeKeys.HAZARD, choice(AttributeKeys.HAZARD, Hazard.values()));
                add(AttributeKeys.SEVERITY, severity());
                add(AttributeKeys.PEOPLE_EXPOSED, integer(AttributeKeys.PEOPLE_EXPOSED));
            }
            case URBAN_IMAGE -> {
                add(AttributeKeys.ISSUE, choice(AttributeKeys.ISSUE, UrbanIssue.values()));
                add(AttributeKeys.SEVERITY, severity());
            }
            case GREEN_AREA -> {
                add(AttributeKeys.AREA_TYPE, choice(AttributeKeys.AREA_TYPE, AreaType.values()));
                add(AttributeKeys.CONDITION, choice(AttributeKeys.CONDITION, AreaCondition.values()));
                add(AttributeKeys.TREES, integer(AttributeKeys.TREES));
                add(AttributeKeys.IRRIGATION, flag(AttributeKeys.IRRIGATION));
            }
            case WORKS_PROGRESS -> {
                add(AttributeKeys.PUBLIC_WORK_ID, work(works));
                add(AttributeKeys.PROGRESS_PERCENT, decimal(AttributeKeys.PROGRESS_PERCENT));
                add(AttributeKeys.STAGE, choice(AttributeKeys.STAGE, WorkStage.values()));
                add(AttributeKeys.WORKERS_ON_SITE, integer(AttributeKeys.WORKERS_ON_SITE));
                add(AttributeKeys.ISSUES, text(AttributeKeys.ISSUES));
            }
        }
    }

    Node node() {
        return node;
    }

    void load(Map<String, Object> attributes) {
        attributes.forEach((key, value) -> {
            Input input = inputs.get(key);
            if (input != null) {
                input.set(value);
            }
        });
    }

    /** The attributes, or empty after showing an error at each field whose text is not a number. */
    Optional<Map<String, Object>> read() {
        Map<String, Object> values = new LinkedHashMap<>();
        boolean ok = true;
        for (Map.Entry<String, Input> e : inputs.entrySet()) {
            try {
                Object value = e.getValue().value();
                if (value != null) {
                    values.put(e.getKey(), value);
                }
            } catch (NumberFormatException notANumber) {
                rows.get(e.getKey()).showError(t.get(AttributeKeys.PROGRESS_PERCENT.equals(e.getKey())
                        ? "form.decimal" : "form.integer"));
                ok = false;
            }
        }
        return ok ? Optional.of(values) : Optional.empty();
    }

    /** Shows {@code message} at the field of attribute {@code key}; false when the form has no such field. */
    boolean showError(String key, String message) {
        FieldRow row = rows.get(key);
        if (row == null) {
            return false;
        }
        row.showError(message);
        return true;
    }

    void clearErrors() {
        rows.values().forEach(FieldRow::clearError);
    }

    FieldRow row(String key) {
        return rows.get(key);
    }

    private void add(String key, Input input) {
        inputs.put(key, input);
        FieldRow row = new FieldRow(t.get("field.attributes." + key), input.control());
        row.setId("row-" + key);
        rows.put(key, row);
        node.getChildren().add(row);
    }

    private Input choice(String key, Enum<?>[] values) {
        ToggleGroup group = new ToggleGroup();
        FlowPane chips = new FlowPane();
        chips.getStyleClass().add("choice-chips");
        chips.setId("attr-" + key);
        for (Enum<?> value : values) {
            ToggleButton b = new ToggleButton(t.label(value));
            b.setId(key + "-" + value.name());
            b.setUserData(value.name());
            b.setToggleGroup(group);
            b.setMnemonicParsing(false);
            b.setAccessibleText(t.get("field.attributes." + key) + ": " + b.getText());
            b.getStyleClass().add("choice");
            chips.getChildren().add(b);
        }
        return new Input() {
            public Node control() {
                return chips;
            }

            public Object value() {
                return group.getSelectedToggle() == null ? null : group.getSelectedToggle().getUserData();
            }

            public void set(Object v) {
                group.getToggles().stream().filter(b -> Objects.equals(b.getUserData(), String.valueOf(v)))
                        .findFirst().ifPresent(b -> b.setSelected(true));
            }
        };
    }

    private Input severity() {
        ToggleGroup group = new ToggleGroup();
        FlowPane chips = new FlowPane();
        chips.getStyleClass().addAll("choice-chips", "severity");
        chips.setId("attr-" + AttributeKeys.SEVERITY);
        for (int level = Limits.MIN_SEVERITY; level <= Limits.MAX_SEVERITY; level++) {
            ToggleButton b = new ToggleButton(String.valueOf(level));
            b.setId("severity-" + level);
            b.setUserData(level);
            b.setToggleGroup(group);
            b.setAccessibleText(t.format("severity.spoken", level));
            b.getStyleClass().addAll("choice", "severity-" + level);
            chips.getChildren().add(b);
        }
        VBox box = new VBox(chips, hint(t.get("severity.hint")));
        return new Input() {
            public Node control() {
                return box;
            }

            public Object value() {
                return group.getSelectedToggle() == null ? null : group.getSelectedToggle().getUserData();
            }

            public void set(Object v) {
                group.getToggles().stream()
                        .filter(b -> v instanceof Number n && b.getUserData().equals(n.intValue()))
                        .findFirst().ifPresent(b -> b.setSelected(true));
            }
        };
    }

    private Input integer(String key) {
        TextField field = numberField(key);
        return new Input() {
            public Node control() {
                return field;
            }

            public Object value() {
                String text = field.getText().trim();
                return text.isEmpty() ? null : Integer.valueOf(text);
            }

            public void set(Object v) {
                field.setText(v == null ? "" : new BigDecimal(String.valueOf(v)).stripTrailingZeros().toPlainString());
            }
        };
    }

    private Input decimal(String key) {
        TextField field = numberField(key);
        return new Input() {
            public Node control() {
                return field;
            }

            public Object value() {
                String text = field.getText().trim().replace(',', '.');
                return text.isEmpty() ? null : new BigDecimal(text);
            }

            public void set(Object v) {
                field.setText(v == null ? "" : new BigDecimal(String.valueOf(v)).stripTrailingZeros().toPlainString());
            }
        };
    }

    private TextField numberField(String key) {
        TextField field = new TextField();
        field.setId("attr-" + key);
        field.setAccessibleText(t.get("field.attributes." + key));
        field.setPromptText(t.get("form.numberPrompt"));
        field.getProperties().put("vkType", "numeric");
        return field;
    }

    private Input flag(String key) {
        CheckBox box = new CheckBox(t.get("value.yes"));
        box.setId("attr-" + key);
        box.setAccessibleText(t.get("field.attributes." + key));
        return new Input() {
            public Node control() {
                return box;
            }

            public Object value() {
                return box.isSelected();
            }

            public void set(Object v) {
                box.setSelected(Boolean.TRUE.equals(v) || "true".equals(String.valueOf(v)));
            }
        };
    }

    private Input text(String key) {
        TextArea area = new TextArea();
        area.setId("attr-" + key);
        area.setWrapText(true);
        area.setPrefRowCount(3);
        area.setAccessibleText(t.get("field.attributes." + key));
        return new Input() {
            public Node control() {
                return area;
            }

            public Object value() {
                return area.getText().isBlank() ? null : area.getText().trim();
            }

            public void set(Object v) {
                area.setText(v == null ? "" : String.valueOf(v));
            }
        };
    }

    private Input work(List<AssignedWork> works) {
        ComboBox<AssignedWork> combo = new ComboBox<>();
        combo.getItems().setAll(works);
        combo.setId("attr-" + AttributeKeys.PUBLIC_WORK_ID);
        combo.setMaxWidth(Double.MAX_VALUE);
        combo.setAccessibleText(t.get("field.attributes." + AttributeKeys.PUBLIC_WORK_ID));
        combo.setPromptText(t.get("form.chooseWork"));
        combo.setCellFactory(list -> new WorkCell());
        combo.setButtonCell(new WorkCell());
        return new Input() {
            public Node control() {
                return combo;
            }

            public Object value() {
                return combo.getValue() == null ? null : combo.getValue().id().toString();
            }

            public void set(Object v) {
                UUID id = v == null ? null : UUID.fromString(String.valueOf(v));
                works.stream().filter(w -> w.id().equals(id)).findFirst().ifPresent(combo::setValue);
            }
        };
    }

    private static javafx.scene.control.Label hint(String text) {
        javafx.scene.control.Label l = new javafx.scene.control.Label(text);
        l.getStyleClass().add("note");
        l.setWrapText(true);
        return l;
    }

    private static final class WorkCell extends ListCell<AssignedWork> {
        @Override
        protected void updateItem(AssignedWork work, boolean empty) {
            super.updateItem(work, empty);
            setText(empty || work == null ? null : work.name());
            setWrapText(true);
        }
    }
}
