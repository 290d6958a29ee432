package mx.implan.brujula.app.journal;

import java.nio.file.Path;

/** A photo stored on this device that is to be sent: where it is, its type and size. */
public record PendingPhoto(String sha256, String mediaType, long bytes, Path file) {
}
