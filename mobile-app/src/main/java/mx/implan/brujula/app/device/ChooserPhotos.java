package mx.implan.brujula.app.device;

import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

/** Desktop gallery: a file chooser that accepts several pictures at once. */
public final class ChooserPhotos implements PhotoSource {

    private final String title;

    public ChooserPhotos(String title) {
        this.title = title;
    }

    @Override
    public List<Path> pick(Window owner) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(
                new FileChooser.ExtensionFilter("JPEG, PNG, WebP", "*.jpg", "*.jpeg", "*.png", "*.webp"));
        List<File> files = chooser.showOpenMultipleDialog(owner);
        return files == null ? List.of() : files.stream().map(File::toPath).toList();
    }
}
