package mx.implan.brujula.app.ui;

import javafx.scene.Node;

import java.util.List;

/** One view: what the shell shows between the app bar (title, back) and the bottom action bar. */
public interface Screen {

    String title();

    Node content();

    /** Buttons of the bottom action bar, most important last (nearest the right thumb). */
    default List<Node> actions() {
        return List.of();
    }

    /** False for views that handle their own panning (the map); others get a vertical scroll. */
    default boolean scrolls() {
        return true;
    }

    /** Called when the screen leaves the shell: release listeners on the journal or the sync engine. */
    default void hidden() {
    }
}
