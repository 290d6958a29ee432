package mx.implan.brujula.app.device;

import javafx.stage.Window;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A camera stand-in for desktops and tests: each pick hands over the next picture of a folder (by name,
 * round-robin), as if the user had taken it. Set with {@code brujula.photos.dir}.
 */
public final class FolderPhotos implements PhotoSource {

    private final Path folder;
    private int next;

    public FolderPhotos(Path folder) {
        this.folder = folder;
    }

    @Override
    public synchronized List<Path> pick(Window owner) {
        List<Path> pictures = pictures();
        if (pictures.isEmpty()) {
            return List.of();
        }
        Path picked = pictures.get(next % pictures.size());
        next++;
        return List.of(picked);
    }

    private List<Path> pictures() {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(FolderPhotos::isPicture).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list photos in " + folder, e);
        }
    }

    static boolean isPicture(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(file)
                && (name.endsWith(".jpg") || name.endsWith(".jpeg") || name.endsWith(".png") || name.endsWith(".webp"));
    }
}
