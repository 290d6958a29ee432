package mx.implan.brujula.app.ui.shell;

import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.Stage;
import javafx.stage.Window;
import mx.implan.brujula.app.accounts.Account;
import mx.implan.brujula.app.journal.EntryState;
import mx.implan.brujula.app.journal.Journal;
import mx.implan.brujula.app.journal.JournalEntry;
import mx.implan.brujula.app.ui.AdaptiveRow;
import mx.implan.brujula.app.ui.AppContext;
import mx.implan.brujula.app.ui.CaptureRequest;
import mx.implan.brujula.app.ui.FontScale;
import mx.implan.brujula.app.ui.Navigator;
import mx.implan.brujula.app.ui.Screen;
import mx.implan.brujula.app.ui.Shape;
import mx.implan.brujula.app.ui.Texts;
import mx.implan.brujula.app.ui.Widgets;
import mx.implan.brujula.app.ui.capture.CaptureScreen;
import mx.implan.brujula.app.ui.capture.KindScreen;
import mx.implan.brujula.app.ui.citizen.CitizenScreen;
import mx.implan.brujula.app.ui.conflicts.ConflictScreen;
import mx.implan.brujula.app.ui.home.HomeScreen;
import mx.implan.brujula.app.ui.map.MapPickScreen;
import mx.implan.brujula.app.ui.map.MapScreen;
import mx.implan.brujula.app.ui.signin.SignInScreen;
import mx.implan.brujula.app.ui.works.WorkScreen;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.UUID;

/**
 * The window's frame and the navigation between screens: an app bar (back, title) on top, the current screen
 * in one scrolling column, and the screen's actions in a bottom bar within reach of the thumb. The one class
 * that knows every screen; the screens know it only as their {@link Navigator}.
 */
public final class AppShell implements Navigator {

    public static final String STYLESHEET = "/mx/implan/brujula/app/ui/field.css";

    private final AppContext ctx;
    private final Texts texts;
    private final BorderPane root = new BorderPane();
    private final Label title = new Label();
    private final Button back;
    private final AdaptiveRow actionBar = new AdaptiveRow(0.5);
    private final Deque<Screen> stack = new ArrayDeque<>();
    private Scene scene;

    public AppShell(AppContext ctx) {
        this.ctx = ctx;
        this.texts = new Texts(ctx.locale());
        back = Widgets.button("←", "app-bar-button", this::back);
        back.setAccessibleText(texts.get("nav.back"));
        back.setMaxWidth(Button.USE_PREF_SIZE);
        title.getStyleClass().add("app-bar-title");
        title.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(title, Priority.ALWAYS);
        HBox appBar = new HBox(back, title);
        appBar.getStyleClass().add("app-bar");
        appBar.setAlignment(Pos.CENTER_LEFT);
        actionBar.getStyleClass().add("action-bar");
        title.setWrapText(true);
        root.setTop(appBar);
        root.setBottom(actionBar);
        root.getStyleClass().add("shell");
        root.setStyle("-fx-font-size: " + FontScale.rootPx(ctx.fontScale()) + "px;");
    }

    @Override
    public AppContext context() {
        return ctx;
    }

    @Override
    public Texts texts() {
        return texts;
    }

    public Parent root() {
        return root;
    }

    /** Builds the scene (size in px) and opens the first screen: home when someone is signed in, else sign-in. */
    public Scene createScene(double width, double height) {
        scene = new Scene(root, width, height);
        scene.getStylesheets().add(getClass().getResource(STYLESHEET).toExternalForm());
        start();
        return scene;
    }

    public void show(Stage stage, double width, double height) {
        stage.setTitle(texts.get("app.title"));
        stage.setScene(createScene(width, height));
        stage.show();
    }

    @Override
    public Window window() {
        return scene == null ? null : scene.getWindow();
    }

    /**
     * Runs {@code action} once, after the first pulse that has laid out the first screen (home when someone is
     * signed in, sign-in otherwise): the cold-start figure.
     */
    public void onFirstScreenPulse(Runnable action) {
        Runnable[] listener = new Runnable[1];
        listener[0] = () -> {
            scene.removePostLayoutPulseListener(listener[0]);
            // Post-layout runs before the frame is rendered: report after it, on the next turn of the FX thread.
            Platform.runLater(action);
        };
        scene.addPostLayoutPulseListener(listener[0]);
    }

    private void start() {
        Optional<Account> account = ctx.accounts().current();
        if (account.isPresent()) {
            openHome();
        } else {
            resetTo(new SignInScreen(this));
        }
    }

    // --- navigation ---

    public void push(Screen screen) {
        stack.push(screen);
        display(screen);
    }

    public void resetTo(Screen screen) {
        while (!stack.isEmpty()) {
            stack.pop().hidden();
        }
        push(screen);
    }

    /** Replaces the current screen (a step that leads on, e.g. the kind picker to the form). */
    public void replace(Screen screen) {
        if (!stack.isEmpty()) {
            stack.pop().hidden();
        }
        push(screen);
    }

    @Override
    public void back() {
        if (stack.size() <= 1) {
            return;
        }
        stack.pop().hidden();
        display(stack.peek());
    }

    @Override
    public void reveal(Node node) {
        if (!(root.getCenter() instanceof ScrollPane scroll) || scroll.getContent() == null) {
            return;
        }
        root.applyCss();
        root.layout();
        Node content = scroll.getContent();
        double y = content.sceneToLocal(node.localToScene(0, 0)).getY();
        double extra = content.getBoundsInLocal().getHeight() - scroll.getViewportBounds().getHeight();
        if (extra > 0) {
            scroll.setVvalue(Math.max(0, Math.min(1, (y - 8) / extra)));
        }
    }

    public Screen current() {
        return stack.peek();
    }

    private void display(Screen screen) {
        title.setText(screen.title());
        back.setVisible(stack.size() > 1);
        back.setManaged(stack.size() > 1);
        Node content = screen.content();
        if (screen.scrolls()) {
            ScrollPane scroll = new ScrollPane(content);
            scroll.setFitToWidth(true);
            scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
            scroll.getStyleClass().add("screen-scroll");
            root.setCenter(scroll);
        } else {
            root.setCenter(content);
        }
        java.util.List<Node> actions = screen.actions();
        actionBar.getChildren().setAll(actions);
        actionBar.setVisible(!actions.isEmpty());
        actionBar.setManaged(!actions.isEmpty());
    }

    // --- where the screens lead ---

    @Override
    public void openHome() {
        Optional<Account> account = ctx.accounts().current();
        if (account.isEmpty()) {
            resetTo(new SignInScreen(this));
        } else if (account.get().isCitizen()) {
            resetTo(new CitizenScreen(this, account.get().username()));
        } else {
            resetTo(new HomeScreen(this, account.get()));
        }
    }

    @Override
    public void openSignIn() {
        resetTo(new SignInScreen(this));
    }

    @Override
    public void openAnonymousCitizen() {
        resetTo(new CitizenScreen(this, Journal.ANONYMOUS));
    }

    @Override
    public void openCapture(CaptureRequest request) {
        push(request.kind() == null ? new KindScreen(this, request) : new CaptureScreen(this, request));
    }

    @Override
    public void continueCapture(CaptureRequest request) {
        replace(new CaptureScreen(this, request));
    }

    @Override
    public void openEntry(JournalEntry entry) {
        if (entry.conflict() != null && entry.state() == EntryState.CONFLICT) {
            push(new ConflictScreen(this, entry.id()));
        } else {
            push(new CaptureScreen(this, CaptureRequest.edit(entry)));
        }
    }

    @Override
    public void openWork(UUID workId) {
        push(new WorkScreen(this, workId));
    }

    @Override
    public void openMap(String owner) {
        push(new MapScreen(this, owner));
    }

    @Override
    public void pickOnMap(Shape shape, Runnable done) {
        push(new MapPickScreen(this, shape, done));
    }
}
