package mx.implan.brujula.app.ui.home;

import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.VBox;
import mx.implan.brujula.app.accounts.Account;
import mx.implan.brujula.app.journal.AssignedWork;
import mx.implan.brujula.app.journal.JournalEntry;
import mx.implan.brujula.app.ui.CaptureRequest;
import mx.implan.brujula.app.ui.Navigator;
import mx.implan.brujula.app.ui.Screen;
import mx.implan.brujula.app.ui.Texts;
import mx.implan.brujula.app.ui.Widgets;

import java.util.List;
import mx.implan.brujula.app.ui.EntryList;
import mx.implan.brujula.app.ui.SyncBar;

/** The inspector's home: sync state, assigned works, and their own observations with a state each. */
public final class HomeScreen implements Screen {

    private final Navigator nav;
    private final Account account;
    private final Texts t;
    private final SyncBar syncBar;
    private final VBox works = new VBox();
    private final VBox entries = new VBox();
    private final VBox content = Widgets.column();
    private final EntryList list;
    private final AutoCloseable journalSubscription;

    public HomeScreen(Navigator nav, Account account) {
        this.nav = nav;
        this.account = account;
        this.t = nav.texts();
        this.list = new EntryList(t, nav.context().clock().getZone());
        this.syncBar = new SyncBar(nav);
        works.getStyleClass().add("list");
        works.setId("works");
        entries.getStyleClass().add("list");
        entries.setId("entries");
        // Shared tablets: another person signs in (or continues) without ending this person's session.
        Button switchUser = Widgets.secondary(t.get("home.switchUser"), nav::openSignIn);
        switchUser.setId("switch-user");
        content.getChildren().addAll(syncBar, Widgets.section(t.get("home.works")), works,
                Widgets.section(t.get("home.entries")), entries, switchUser);
        journalSubscription = nav.context().journal().onChange(() -> Platform.runLater(this::refresh));
        refresh();
    }

    void refresh() {
        List<AssignedWork> assigned = nav.context().journal().works(account.username());
        works.getChildren().clear();
        if (assigned.isEmpty()) {
            works.getChildren().add(Widgets.note(t.get("home.noWorks")));
        }
        for (AssignedWork work : assigned) {
            works.getChildren().add(workRow(work));
        }
        List<JournalEntry> own = nav.context().journal().entries(account.username());
        entries.getChildren().clear();
        if (own.isEmpty()) {
            entries.getChildren().add(Widgets.note(t.get("home.noEntries")));
        }
        entries.getChildren().addAll(list.rows(own, nav::openEntry));
    }

    private VBox workRow(AssignedWork work) {
        Label name = new Label(work.name());
        name.getStyleClass().add("row-title");
        name.setWrapText(true);
        String progressText = work.lastProgressPercent() == null ? t.get("work.noProgress")
                : t.format("work.progressShort", work.lastProgressPercent());
        Label detail = new Label(work.code() + " · " + progressText);
        detail.getStyleClass().add("row-detail");
        detail.setWrapText(true);
        ProgressBar bar = new ProgressBar(work.lastProgressPercent() == null ? 0 : work.lastProgressPercent() / 100.0);
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.setAccessibleText(progressText);
        VBox body = new VBox(name, detail, bar);
        body.getStyleClass().add("row-text");
        VBox row = Widgets.card(work.name() + ", " + progressText, () -> nav.openWork(work.id()), body);
        row.getStyleClass().add("work-row");
        row.setUserData(work.id());
        return row;
    }

    @Override
    public String title() {
        return t.format("home.title", account.name());
    }

    @Override
    public Node content() {
        return content;
    }

    @Override
    public List<Node> actions() {
        Button signOut = Widgets.secondary(t.get("home.signOut"), () -> {
            nav.context().accounts().signOut();
            nav.openSignIn();
        });
        Button map = Widgets.secondary(t.get("home.map"), () -> nav.openMap(account.username()));
        map.setId("open-map");
        Button capture = Widgets.primary(t.get("home.new"),
                () -> nav.openCapture(CaptureRequest.create(account.username())));
        capture.setId("new-observation");
        return List.of(signOut, map, capture);
    }

    @Override
    public void hidden() {
        syncBar.close();
        try {
            journalSubscription.close();
        } catch (Exception ignored) {
            // In-process listener list: closing cannot meaningfully fail.
        }
    }
}
