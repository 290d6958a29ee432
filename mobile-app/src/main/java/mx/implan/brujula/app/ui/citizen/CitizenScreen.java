package mx.implan.brujula.app.ui.citizen;

import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.layout.VBox;
import mx.implan.brujula.app.journal.Journal;
import mx.implan.brujula.app.journal.JournalEntry;
import mx.implan.brujula.app.ui.CaptureRequest;
import mx.implan.brujula.app.ui.EntryList;
import mx.implan.brujula.app.ui.Navigator;
import mx.implan.brujula.app.ui.Screen;
import mx.implan.brujula.app.ui.SyncBar;
import mx.implan.brujula.app.ui.Texts;
import mx.implan.brujula.app.ui.Widgets;
import mx.implan.brujula.model.observation.ObservationKind;

import java.util.List;

/**
 * Citizen mode: report a risk or an urban-image problem (a point and photos), anonymously or with an account,
 * after reading what becomes public; and follow one's own reports.
 */
public final class CitizenScreen implements Screen {

    private final Navigator nav;
    private final Texts t;
    private final String owner;
    private final VBox content = Widgets.column();
    private final VBox reports = new VBox();
    private final SyncBar syncBar;
    private final AutoCloseable subscription;

    public CitizenScreen(Navigator nav, String owner) {
        this.nav = nav;
        this.t = nav.texts();
        this.owner = owner;
        this.syncBar = new SyncBar(nav);
        reports.getStyleClass().add("list");
        reports.setId("reports");
        Button risk = Widgets.button(t.get("citizen.risk"), "kind-button",
                () -> nav.openCapture(CaptureRequest.citizen(owner, ObservationKind.RISK)));
        risk.setId("report-RISK");
        Button urban = Widgets.button(t.get("citizen.urban"), "kind-button",
                () -> nav.openCapture(CaptureRequest.citizen(owner, ObservationKind.URBAN_IMAGE)));
        urban.setId("report-URBAN_IMAGE");
        String who = Journal.ANONYMOUS.equals(owner) ? t.get("citizen.anonymous")
                : t.format("citizen.signedIn", owner);
        content.getChildren().addAll(Widgets.note(t.get("citizen.intro")), risk, urban,
                Widgets.note(t.get("citizen.privacy")), Widgets.note(who), syncBar,
                Widgets.section(t.get("citizen.mine")), reports);
        subscription = nav.context().journal().onChange(() -> Platform.runLater(this::refresh));
        refresh();
    }

    private void refresh() {
        List<JournalEntry> mine = nav.context().journal().entries(owner);
        reports.getChildren().clear();
        if (mine.isEmpty()) {
            reports.getChildren().add(Widgets.note(t.get("citizen.none")));
        }
        reports.getChildren().addAll(new EntryList(t, nav.context().clock().getZone()).rows(mine, entry -> { }));
    }

    @Override
    public String title() {
        return t.get("citizen.title");
    }

    @Override
    public Node content() {
        return content;
    }

    @Override
    public List<Node> actions() {
        if (Journal.ANONYMOUS.equals(owner)) {
            return List.of(Widgets.secondary(t.get("citizen.signIn"), nav::openSignIn));
        }
        return List.of(Widgets.secondary(t.get("home.signOut"), () -> {
            nav.context().accounts().signOut();
            nav.openSignIn();
        }));
    }

    @Override
    public void hidden() {
        syncBar.close();
        try {
            subscription.close();
        } catch (Exception ignored) {
            // In-process listener list: closing cannot meaningfully fail.
        }
    }
}
