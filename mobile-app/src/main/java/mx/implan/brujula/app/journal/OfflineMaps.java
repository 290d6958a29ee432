package mx.implan.brujula.app.journal;

import com.fasterxml.jackson.databind.ObjectMapper;
import mx.implan.brujula.app.storage.AtomicFiles;
import mx.implan.brujula.app.storage.ChecksummedFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each user's offline map ({@code maps/u<hex>.map}, checksummed, replaced whole and atomically) and whether it
 * must be fetched again ({@code maps/u<hex>.stale}: pull reported a change of their zones; a file, so that a
 * restart between the pull and the download does not forget it).
 */
final class OfflineMaps {

    private static final System.Logger LOG = System.getLogger(OfflineMaps.class.getName());

    private final Path dir;
    private final ObjectMapper json;
    private final Map<String, Optional<OfflineMap>> loaded = new ConcurrentHashMap<>();

    OfflineMaps(Path dir, ObjectMapper json) {
        this.dir = dir;
        this.json = json;
    }

    Path directory() {
        return dir;
    }

    Optional<OfflineMap> get(String owner) {
        return loaded.computeIfAbsent(owner, this::read);
    }

    /** No map yet, or pull said the user's zones changed since it was fetched. */
    boolean wanted(String owner) {
        return get(owner).isEmpty() || Files.exists(stale(owner));
    }

    void markStale(String owner) {
        try {
            AtomicFiles.write(stale(owner), new byte[0]);
        } catch (IOException e) {
            throw new JournalException("Could not note that the map of " + owner + " is out of date: " + e.getMessage(), e);
        }
    }

    /** The server still holds the version we have: nothing to download. */
    void confirmCurrent(String owner) {
        try {
            AtomicFiles.delete(stale(owner));
        } catch (IOException e) {
            throw new JournalException("Could not update the map state of " + owner + ": " + e.getMessage(), e);
        }
    }

    /** Stores a package (checked readable first), then clears the stale mark. */
    void save(String owner, byte[] body) {
        OfflineMap map;
        try {
            map = OfflineMap.parse(body, json);
        } catch (IOException e) {
            throw new JournalException("The server sent a map that cannot be read: " + e.getMessage(), e);
        }
        try {
            AtomicFiles.write(file(owner), ChecksummedFile.encode(body));
            loaded.put(owner, Optional.of(map));
            AtomicFiles.delete(stale(owner));
        } catch (IOException e) {
            throw new JournalException("Could not write the map of " + owner + ": " + e.getMessage(), e);
        }
    }

    private Optional<OfflineMap> read(String owner) {
        Path file = file(owner);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(OfflineMap.parse(ChecksummedFile.decode(Files.readAllBytes(file)), json));
        } catch (IOException | ChecksummedFile.CorruptFileException e) {
            // A damaged map is fetched again on the next sync; nothing the user wrote is in it.
            LOG.log(System.Logger.Level.WARNING, "Offline map " + file + " is damaged (" + e.getMessage() + "); it will be fetched again");
            return Optional.empty();
        }
    }

    private Path file(String owner) {
        return dir.resolve("u" + hex(owner) + ".map");
    }

    private Path stale(String owner) {
        return dir.resolve("u" + hex(owner) + ".stale");
    }

    private static String hex(String owner) {
        return HexFormat.of().formatHex(owner.getBytes(StandardCharsets.UTF_8));
    }
}
