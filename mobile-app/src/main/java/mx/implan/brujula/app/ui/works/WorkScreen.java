package mx.implan.brujula.app.ui.works;

import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import mx.implan.brujula.app.accounts.Account;
import mx.implan.brujula.app.journal.AssignedWork;
import mx.implan.brujula.app.journal.JournalEntry;
import mx.implan.brujula.app.ui.CaptureRequest;
import mx.implan.brujula.app.ui.EntryList;
import mx.implan.brujula.app.ui.Navigator;
import mx.implan.brujula.app.ui.ObservationText;
import mx.implan.brujula.app.ui.Screen;
import mx.implan.brujula.app.ui.Texts;
import mx.implan.brujula.app.ui.Widgets;
import mx.implan.brujula.model.observation.AttributeKeys;
import mx.implan.brujula.model.observation.ObservationKind;
import mx.implan.brujula.model.observation.WorkStage;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** One public work: what it is, the last progress reported, this user's reports on it, and "report progress". */
public final class WorkScreen implements Screen {

    private final Navigator nav;
    private final Texts t;
    private final UUID workId;
    private final String owner;
    private final VBox content = Widgets.column();
    private final AutoCloseable subscription;

    public WorkScreen(Navigator nav, UUID workId) {
        this.nav = nav;
        this.t = nav.texts();
        this.workId = workId;
        this.owner = nav.context().accounts().current().map(Account::username).orElse("");
        subscription = nav.context().journal().onChange(() -> Platform.runLater(this::refresh));
        refresh();
    }

    private void refresh() {
        content.getChildren().clear();
        AssignedWork work = nav.context().journal().work(workId).orElse(null);
        if (work == null) {
            content.getChildren().add(Widgets.note(t.get("work.gone")));
            return;
        }
        ObservationText words = new ObservationText(t);
        Label name = Widgets.section(work.name());
        name.getStyleClass().add("work-name");
        GridPane facts = new GridPane();
        facts.getStyleClass().add("facts");
        // Labels keep their whole word ("Término planeado"); values wrap in what is left.
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        values.setFillWidth(true);
        facts.getColumnConstraints().addAll(labels, values);
        int row = 0;
        row = fact(facts, row, t.get("work.code"), work.code());
        row = fact(facts, row, t.get("work.status"), work.status() == null ? null
                : t.label(WorkStage.class, work.status()));
        row = fact(facts, row, t.get("work.lastStage"), work.lastStage() == null ? "—"
                : t.label(WorkStage.class, work.lastStage()));
        row = fact(facts, row, t.get("work.lastReport"), work.lastReportedAt() == null ? t.get("work.noProgress")
                : words.when(work.lastReportedAt(), nav.context().clock().getZone()));
        AssignedWork.Plan plan = work.plan();
        row = fact(facts, row, t.get("work.programme"), plan.programme());
        row = fact(facts, row, t.get("work.contractor"), plan.contractor());
        row = fact(facts, row, t.get("work.plannedStart"), words.date(plan.plannedStart()));
        fact(facts, row, t.get("work.plannedEnd"), words.date(plan.plannedEnd()));
        String percent = work.lastProgressPercent() == null ? t.get("work.noProgress")
                : t.format("work.progressShort", work.lastProgressPercent());
        Label progressLabel = new Label(t.get("work.lastProgress") + ": " + percent);
        progressLabel.setId("work-progress");
        progressLabel.getStyleClass().add("row-title");
        progressLabel.setWrapText(true);
        ProgressBar bar = new ProgressBar(work.lastProgressPercent() == null ? 0 : work.lastProgressPercent() / 100.0);
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.setAccessibleText(progressLabel.getText());
        content.getChildren().addAll(name, progressLabel, bar);
        content.getChildren().addAll(new PlanComparison(t).rows(work, LocalDate.now(nav.context().clock())));
        content.getChildren().addAll(facts, Widgets.section(t.get("work.myReports")));
        List<JournalEntry> reports = nav.context().journal().entries(owner).stream()
                .filter(e -> e.local().kind() == ObservationKind.WORKS_PROGRESS)
                .filter(e -> Objects.equals(String.valueOf(e.local().attributesOrEmpty()
                        .get(AttributeKeys.PUBLIC_WORK_ID)), workId.toString()))
                .toList();
        if (reports.isEmpty()) {
            content.getChildren().add(Widgets.note(t.get("work.noReports")));
        }
        content.getChildren().addAll(new EntryList(t, nav.context().clock().getZone()).rows(reports, nav::openEntry));
    }

    private static int fact(GridPane grid, int row, String label, String value) {
        Label l = new Label(label);
        l.getStyleClass().add("fact-label");
        Label v = new Label(value == null ? "—" : value);
        v.setWrapText(true);
        v.getStyleClass().add("fact-value");
        grid.addRow(row, l, v);
        return row + 1;
    }

    @Override
    public String title() {
        return t.get("work.title");
    }

    @Override
    public Node content() {
        return content;
    }

    @Override
    public List<Node> actions() {
        Button report = Widgets.primary(t.get("work.report"),
                () -> nav.openCapture(CaptureRequest.progress(owner, workId)));
        report.setId("report-progress");
        return List.of(report);
    }

    @Override
    public void hidden() {
        try {
            subscription.close();
        } catch (Exception ignored) {
            // In-process listener list: closing cannot meaningfully fail.
        }
    }
}
