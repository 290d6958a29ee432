package mx.implan.brujula.app.device;

import com.gluonhq.attach.pictures.PicturesService;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

/**
 * The phone's camera through Gluon Attach. The picture is saved by the platform (takePhoto(true)) so that
 * there is a file for the journal to copy and hash; a cancelled camera returns nothing.
 */
final class AttachPhotos implements PhotoSource {

    private final PicturesService service;

    AttachPhotos(PicturesService service) {
        this.service = service;
    }

    @Override
    public List<Path> pick(Window owner) {
        if (service.takePhoto(true).isEmpty()) {
            return List.of();
        }
        return service.getImageFile().map(File::toPath).map(List::of).orElse(List.of());
    }
}
