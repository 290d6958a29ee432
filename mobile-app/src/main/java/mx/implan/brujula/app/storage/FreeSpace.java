package mx.implan.brujula.app.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** How much room is left where the app keeps its files (the journal, its photos). */
@FunctionalInterface
public interface FreeSpace {

    /** Not known: never counts as running low. */
    FreeSpace UNKNOWN = () -> Long.MAX_VALUE;

    /** Bytes this app may still write; {@link Long#MAX_VALUE} when it cannot be told. */
    long usableBytes();

    /** The free space of the file system holding {@code dir} (the app's private storage on a phone). */
    static FreeSpace of(Path dir) {
        return () -> {
            try {
                return Files.getFileStore(dir).getUsableSpace();
            } catch (IOException | SecurityException unknown) {
                return Long.MAX_VALUE;
            }
        };
    }
}
