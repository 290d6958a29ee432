package mx.implan.brujula.app.journal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Makes the small picture the lists keep of a photo whose original left the device. The platform's image code
 * lives outside the journal (the desktop's ImageIO, a phone's own), so the journal asks for one.
 */
@FunctionalInterface
public interface Thumbnailer {

    /** No thumbnails: a removed photo shows as a numbered placeholder. */
    Thumbnailer NONE = photo -> Optional.empty();

    /** The thumbnail's bytes in a format JavaFX reads (JPEG or PNG); empty when this photo cannot be read. */
    Optional<byte[]> thumbnail(Path photo) throws IOException;
}
