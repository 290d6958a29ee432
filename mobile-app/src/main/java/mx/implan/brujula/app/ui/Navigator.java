package mx.implan.brujula.app.ui;

import javafx.scene.Node;
import javafx.stage.Window;
import mx.implan.brujula.app.journal.JournalEntry;

import java.util.UUID;

/**
 * What a screen is given: the app's context and texts, and the ways to lead on to other screens. Screens know
 * where they lead, never which class shows the next screen, so no screen imports the shell or another screen.
 */
public interface Navigator {

    AppContext context();

    Texts texts();

    /** The window, for dialogs that need an owner (a file chooser); null before it is shown. */
    Window window();

    /** Back to the previous screen. */
    void back();

    /** Scrolls the current screen so that {@code node} (e.g. the first field with an error) is in view. */
    void reveal(Node node);

    /** Home of the signed-in user: the inspector's home, or the citizen's report screen; sign-in when nobody is. */
    void openHome();

    void openSignIn();

    void openAnonymousCitizen();

    /** Capture: first the kind (unless the request fixes it), then the form. */
    void openCapture(CaptureRequest request);

    /** From the kind picker on to the form, in its place. */
    void continueCapture(CaptureRequest request);

    /** An entry of the list: its conflict when it has one, else its form. */
    void openEntry(JournalEntry entry);

    void openWork(UUID workId);

    void openMap(String owner);

    /** Drawing {@code shape} on the map; {@code done} runs when the user accepts it. */
    void pickOnMap(Shape shape, Runnable done);
}
