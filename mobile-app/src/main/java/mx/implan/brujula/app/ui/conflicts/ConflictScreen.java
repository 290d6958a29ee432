package mx.implan.brujula.app.ui.conflicts;

import com.fasterxml.jackson.databind.JsonNode;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import mx.implan.brujula.app.journal.JournalEntry;
import mx.implan.brujula.app.journal.JournalException;
import mx.implan.brujula.app.ui.Navigator;
import mx.implan.brujula.app.ui.ObservationText;
import mx.implan.brujula.app.ui.Screen;
import mx.implan.brujula.app.ui.Texts;
import mx.implan.brujula.app.ui.Widgets;
import mx.implan.brujula.model.merge.ObservationFields;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * A conflict: the same field changed here and on the server. Each differing field is shown as mine beside the
 * server's; the user keeps theirs (pushed again on top of the server's revision) or takes the server's.
 */
public final class ConflictScreen implements Screen {

    private final Navigator nav;
    private final Texts t;
    private final UUID id;
    private final VBox content = Widgets.column();
    private final Label failure = new Label();

    public ConflictScreen(Navigator nav, UUID id) {
        this.nav = nav;
        this.t = nav.texts();
        this.id = id;
        failure.getStyleClass().add("field-error");
        failure.setWrapText(true);
        JournalEntry entry = nav.context().journal().find(id).orElse(null);
        if (entry == null || entry.conflict() == null) {
            content.getChildren().add(Widgets.note(t.get("conflict.gone")));
            return;
        }
        ObservationText words = new ObservationText(t);
        Map<String, JsonNode> mine = ObservationFields.flatten(entry.local());
        Map<String, JsonNode> theirs = ObservationFields.flatten(entry.conflict());
        Set<String> fields = new LinkedHashSet<>(mine.keySet());
        fields.addAll(theirs.keySet());
        GridPane grid = new GridPane();
        grid.getStyleClass().add("conflict-grid");
        grid.setId("conflict-fields");
        Label mineHead = new Label(t.get("conflict.mine"));
        Label serverHead = new Label(t.get("conflict.server"));
        mineHead.getStyleClass().add("conflict-head");
        serverHead.getStyleClass().add("conflict-head");
        grid.add(mineHead, 0, 0);
        grid.add(serverHead, 1, 0);
        int row = 1;
        int same = 0;
        for (String field : fields) {
            if (ObservationFields.sameValue(mine.get(field), theirs.get(field))) {
                same++;
                continue;
            }
            Label name = new Label(words.fieldName(field));
            name.getStyleClass().add("conflict-field");
            name.setWrapText(true);
            grid.add(name, 0, row++, 2, 1);
            Label a = value(words.fieldValue(field, mine.get(field)), "conflict-mine");
            Label b = value(words.fieldValue(field, theirs.get(field)), "conflict-server");
            a.setAccessibleText(name.getText() + ", " + t.get("conflict.mine") + ": " + a.getText());
            b.setAccessibleText(name.getText() + ", " + t.get("conflict.server") + ": " + b.getText());
            grid.add(a, 0, row);
            grid.add(b, 1, row++);
        }
        javafx.scene.layout.ColumnConstraints half = new javafx.scene.layout.ColumnConstraints();
        half.setPercentWidth(50);
        grid.getColumnConstraints().addAll(half, half);
        content.getChildren().addAll(Widgets.note(t.get("conflict.intro")), Widgets.section(words.summary(entry.local())),
                grid, Widgets.note(t.format("conflict.same", same)), failure);
    }

    private static Label value(String text, String style) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setMaxWidth(Double.MAX_VALUE);
        l.getStyleClass().addAll("conflict-value", style);
        return l;
    }

    @Override
    public String title() {
        return t.get("conflict.title");
    }

    @Override
    public Node content() {
        return content;
    }

    @Override
    public List<Node> actions() {
        List<Node> actions = new ArrayList<>();
        Button theirs = Widgets.secondary(t.get("conflict.takeServer"), () -> resolve(j -> j.takeServer(id)));
        theirs.setId("take-server");
        Button mine = Widgets.primary(t.get("conflict.keepMine"), () -> resolve(j -> j.keepMine(id)));
        mine.setId("keep-mine");
        actions.add(theirs);
        actions.add(mine);
        return actions;
    }

    private void resolve(Function<mx.implan.brujula.app.journal.Journal, JournalEntry> choice) {
        try {
            choice.apply(nav.context().journal());
            nav.back();
        } catch (JournalException | IllegalStateException e) {
            failure.setText(t.format("conflict.failed", e.getMessage()));
        }
    }
}
