package mx.implan.brujula.app.device;

import com.gluonhq.attach.display.DisplayService;
import com.gluonhq.attach.lifecycle.LifecycleEvent;
import com.gluonhq.attach.lifecycle.LifecycleService;
import com.gluonhq.attach.pictures.PicturesService;
import com.gluonhq.attach.position.PositionService;
import com.gluonhq.attach.storage.StorageService;
import com.gluonhq.attach.util.Services;
import mx.implan.brujula.app.journal.Thumbnailer;

import java.io.File;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

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

    /**
     * The app's private storage, where the journal and its photos live: Attach's on a phone, {@code ~/.brujula}
     * (or {@code brujula.home}) on a desktop.
     */
    public static Path privateStorage() {
        String home = System.getProperty("brujula.home");
        if (home != null && !home.isBlank()) {
            return Path.of(home);
        }
        return Services.get(StorageService.class).flatMap(StorageService::getPrivateStorage).map(File::toPath)
                .orElseGet(() -> Path.of(System.getProperty("user.home"), ".brujula"));
    }

    /**
     * How thumbnails of photos that leave the device are made: ImageIO where the platform has it (desktops);
     * none on a phone build without {@code java.desktop} (the lists then show numbered placeholders).
     */
    public static Thumbnailer thumbnails() {
        try {
            Class.forName("javax.imageio.ImageIO", false, DeviceServices.class.getClassLoader());
            return new ImageThumbnails();
        } catch (ClassNotFoundException | LinkageError absent) {
            return Thumbnailer.NONE;
        }
    }

    /** Runs {@code action} whenever the app comes back to the foreground (a phone resumes it). */
    public static void onResume(Runnable action) {
        Services.get(LifecycleService.class).ifPresent(l -> l.addListener(LifecycleEvent.RESUME, action));
    }

    /** The screen size to fill on a phone or tablet; empty on a desktop, where the app opens a window. */
    public static Optional<javafx.geometry.Dimension2D> handheldScreen() {
        return Services.get(DisplayService.class).filter(d -> d.isPhone() || d.isTablet())
                .map(DisplayService::getDefaultDimensions);
    }
}
