package mx.implan.brujula.app.ui;

import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import mx.implan.brujula.app.journal.EntryState;
import mx.implan.brujula.app.journal.JournalEntry;
import mx.implan.brujula.model.observation.Observation;
import mx.implan.brujula.model.sync.FieldError;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * One tappable row per journal entry: what it is, when, where it stands (state chip), the server's reason when
 * rejected, and the server's status (triage) once synced. Shared by the inspector's home and citizen mode.
 */
public final class EntryList {

    private final Texts t;
    private final ObservationText words;
    private final ZoneId zone;

    public EntryList(Texts texts, ZoneId zone) {
        this.t = texts;
        this.words = new ObservationText(texts);
        this.zone = zone;
    }

    public List<VBox> rows(List<JournalEntry> entries, Consumer<JournalEntry> open) {
        List<VBox> rows = new ArrayList<>(entries.size());
        for (JournalEntry entry : entries) {
            rows.add(row(entry, open));
        }
        return rows;
    }

    public VBox row(JournalEntry entry, Consumer<JournalEntry> open) {
        Observation o = entry.local();
        Label what = new Label(words.summary(o));
        what.getStyleClass().add("row-title");
        what.setWrapText(true);
        Label when = new Label(words.when(o.capturedAt(), zone));
        when.getStyleClass().add("row-detail");
        when.setWrapText(true);
        VBox text = new VBox(what, when);
        text.getStyleClass().add("row-text");
        Label chip = Widgets.chip(entry.state(), t);
        // With large text the state chip goes under the description instead of squeezing it.
        AdaptiveRow.needsEm(text, AdaptiveRow.LABEL_MIN_EM);
        AdaptiveRow line = new AdaptiveRow(0.5, text, chip);
        line.getStyleClass().add("row-line");
        VBox body = new VBox(line);
        List<String> spoken = new ArrayList<>(List.of(what.getText(), when.getText(), chip.getText()));
        if (entry.state() == EntryState.REJECTED && !entry.errors().isEmpty()) {
            String reason = t.format("entry.rejectedBecause", entry.errors().stream()
                    .map(FieldError::message).collect(Collectors.joining("; ")));
            Label why = new Label(reason);
            why.getStyleClass().add("row-reason");
            why.setWrapText(true);
            body.getChildren().add(why);
            spoken.add(reason);
        }
        if (entry.state() == EntryState.PHOTOS_PENDING && !entry.missingPhotos().isEmpty()) {
            String missing = t.format("entry.photosMissing", entry.missingPhotos().size());
            body.getChildren().add(detail(missing));
            spoken.add(missing);
        }
        if (entry.server() != null && entry.server().status() != null) {
            String status = t.format("entry.serverStatus", t.label(entry.server().status()));
            body.getChildren().add(detail(status));
            spoken.add(status);
        }
        VBox row = Widgets.card(String.join(", ", spoken), () -> open.accept(entry), body);
        row.getStyleClass().add("entry-row");
        row.setUserData(entry.id());
        return row;
    }

    private static Label detail(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("row-detail");
        l.setWrapText(true);
        return l;
    }
}
