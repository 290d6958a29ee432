package mx.implan.brujula.app.ui.device;

import com.gluonhq.attach.pictures.PicturesService;
import com.gluonhq.attach.position.PositionService;
import com.gluonhq.attach.util.Services;

import java.nio.file.Path;
import java.time.Clock;

/**
 * Picks the device services: Gluon Attach's when the platform has them (Android, iOS), desktop stand-ins
 * otherwise. On desktop Attach has no position or pictures service, so the simulated GPS ({@code brujula.gps})
 * and a folder ({@code brujula.photos.dir}) or a file chooser are used.
 */
public final class DeviceServices {

    private DeviceServices() {
    }

    public static PositionSource position(Clock clock) {
        return Services.get(PositionService.class)
                .<PositionSource>map(service -> new AttachPosition(service, clock))
                .orElseGet(() -> SimulatedPosition.parse(System.getProperty("brujula.gps"), clock));
    }

    public static PhotoSource photos(String chooserTitle) {
        return Services.get(PicturesService.class)
                .<PhotoSource>map(AttachPhotos::new)
                .orElseGet(() -> {
                    String folder = System.getProperty("brujula.photos.dir");
                    return folder == null || folder.isBlank()
                            ? new ChooserPhotos(chooserTitle)
                            : new FolderPhotos(Path.of(folder));
                });
    }
}
