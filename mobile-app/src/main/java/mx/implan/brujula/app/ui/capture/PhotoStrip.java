package mx.implan.brujula.app.ui.capture;

import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.FlowPane;
import mx.implan.brujula.app.journal.Journal;
import mx.implan.brujula.app.ui.Texts;
import mx.implan.brujula.model.observation.PhotoRef;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Thumbnails of the observation's photos: those already attached (by hash, from the journal's store) and the
 * files just taken. Tapping a thumbnail removes that photo from the observation.
 */
final class PhotoStrip extends FlowPane {

    private static final double THUMB = 88;

    private final Texts t;
    private final Journal journal;
    private final List<PhotoRef> kept = new ArrayList<>();
    private final List<Path> added = new ArrayList<>();
    private final Runnable changed;

    PhotoStrip(Texts texts, Journal journal, List<PhotoRef> existing, Runnable changed) {
        this.t = texts;
        this.journal = journal;
        this.changed = changed;
        this.kept.addAll(existing);
        getStyleClass().add("photo-strip");
        setId("photos");
        render();
    }

    void add(List<Path> files) {
        added.addAll(files);
        render();
    }

    List<PhotoRef> kept() {
        return List.copyOf(kept);
    }

    List<Path> added() {
        return List.copyOf(added);
    }

    int count() {
        return kept.size() + added.size();
    }

    private void render() {
        getChildren().clear();
        int n = 0;
        for (PhotoRef ref : List.copyOf(kept)) {
            Optional<Path> file = journal.preview(ref.sha256());
            getChildren().add(thumb(file.orElse(null), ++n, () -> kept.remove(ref)));
        }
        for (Path file : List.copyOf(added)) {
            getChildren().add(thumb(file, ++n, () -> added.remove(file)));
        }
        changed.run();
    }

    private Button thumb(Path file, int number, Runnable remove) {
        Button b = new Button(file == null ? t.format("photos.number", number) : null);
        if (file != null) {
            ImageView view = new ImageView(new Image(file.toUri().toString(), THUMB, THUMB, true, true, true));
            view.setFitWidth(THUMB);
            view.setFitHeight(THUMB);
            view.setPreserveRatio(true);
            b.setGraphic(view);
            b.setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        }
        b.getStyleClass().add("photo-thumb");
        b.setAccessibleText(t.format("photos.remove", number));
        b.setOnAction(e -> {
            remove.run();
            render();
        });
        return b;
    }
}
