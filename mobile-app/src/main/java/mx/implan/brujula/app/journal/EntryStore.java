package mx.implan.brujula.app.journal;

import com.fasterxml.jackson.databind.ObjectMapper;
import mx.implan.brujula.app.storage.AtomicFiles;
import mx.implan.brujula.app.storage.ChecksummedFile;
import mx.implan.brujula.model.json.WireJson;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The journal's files and their copy in memory: one checksummed file per entry ({@code entries/<id>.entry}) and
 * per user's pull state ({@code owners/u<hex>.state}), each replaced whole and atomically, and the listeners told
 * after every change. Reads are served from memory; every writer holds {@link #writeLock} while it reads an
 * entry and writes its next version, so writes never interleave.
 */
final class EntryStore {

    static final String ENTRY_SUFFIX = ".entry";
    private static final String OWNER_SUFFIX = ".state";
    private static final System.Logger LOG = System.getLogger(EntryStore.class.getName());

    final Object writeLock = new Object();
    private final Path entriesDir;
    private final Path ownersDir;
    private final ObjectMapper json = WireJson.lenient();
    private final Map<UUID, StoredEntry> entries = new ConcurrentHashMap<>();
    private final Map<String, OwnerState> owners = new ConcurrentHashMap<>();
    private final List<Path> corrupt = new CopyOnWriteArrayList<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> userWriteListeners = new CopyOnWriteArrayList<>();

    EntryStore(Path dir) {
        this.entriesDir = dir.resolve("entries");
        this.ownersDir = dir.resolve("owners");
    }

    ObjectMapper json() {
        return json;
    }

    List<Path> directories() {
        return List.of(entriesDir, ownersDir);
    }

    void load() throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(entriesDir)) {
            for (Path file : files) {
                StoredEntry e = read(file, StoredEntry.class);
                if (e == null) {
                    continue;
                }
                if (!file.getFileName().toString().equals(e.id() + ENTRY_SUFFIX)) {
                    reportCorrupt(file, "holds entry " + e.id());
                    continue;
                }
                entries.put(e.id(), e.state() == EntryState.SENDING ? e.toBuilder().state(EntryState.PENDING).build() : e);
            }
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(ownersDir)) {
            for (Path file : files) {
                OwnerState s = read(file, OwnerState.class);
                if (s != null) {
                    owners.put(s.owner(), s);
                }
            }
        }
    }

    private <T> T read(Path file, Class<T> type) {
        String name = file.getFileName().toString();
        String suffix = type == StoredEntry.class ? ENTRY_SUFFIX : OWNER_SUFFIX;
        if (!name.endsWith(suffix)) {
            reportCorrupt(file, "unexpected file");
            return null;
        }
        try {
            return json.readValue(ChecksummedFile.decode(Files.readAllBytes(file)), type);
        } catch (ChecksummedFile.CorruptFileException | IOException e) {
            reportCorrupt(file, e.getMessage());
            return null;
        }
    }

    /** Kept where it is (never deleted: it may still be recoverable by hand) and listed by {@link #corruptFiles()}. */
    private void reportCorrupt(Path file, String why) {
        LOG.log(System.Logger.Level.ERROR, "Journal file " + file + " is damaged (" + why + "); it is kept and reported");
        corrupt.add(file);
    }

    List<Path> corruptFiles() {
        return List.copyOf(corrupt);
    }

    StoredEntry get(UUID id) {
        return id == null ? null : entries.get(id);
    }

    Collection<StoredEntry> all() {
        return entries.values();
    }

    OwnerState owner(String owner) {
        return owners.get(owner);
    }

    Collection<OwnerState> owners() {
        return owners.values();
    }

    /** Writes the entry's file, then its copy in memory. */
    void persist(StoredEntry e) throws IOException {
        AtomicFiles.write(entriesDir.resolve(e.id() + ENTRY_SUFFIX), ChecksummedFile.encode(json.writeValueAsBytes(e)));
        entries.put(e.id(), e);
    }

    void put(StoredEntry e) {
        try {
            persist(e);
        } catch (IOException ex) {
            throw new JournalException("Could not write entry " + e.id() + ": " + ex.getMessage(), ex);
        }
    }

    /** Changes the copy in memory only: what differs from the file is not worth keeping over a restart. */
    void putInMemory(StoredEntry e) {
        entries.put(e.id(), e);
    }

    void put(OwnerState s) {
        String name = HexFormat.of().formatHex(s.owner().getBytes(StandardCharsets.UTF_8));
        try {
            AtomicFiles.write(ownersDir.resolve("u" + name + OWNER_SUFFIX), ChecksummedFile.encode(json.writeValueAsBytes(s)));
        } catch (IOException ex) {
            throw new JournalException("Could not write the pull state of " + s.owner() + ": " + ex.getMessage(), ex);
        }
        owners.put(s.owner(), s);
    }

    void delete(StoredEntry e) {
        try {
            AtomicFiles.delete(entriesDir.resolve(e.id() + ENTRY_SUFFIX));
        } catch (IOException ex) {
            throw new JournalException("Could not remove entry " + e.id() + ": " + ex.getMessage(), ex);
        }
        entries.remove(e.id());
    }

    AutoCloseable onChange(Runnable listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    AutoCloseable onUserWrite(Runnable listener) {
        userWriteListeners.add(listener);
        return () -> userWriteListeners.remove(listener);
    }

    /** Tells the listeners; {@code byUser}: a change the user made (the sync engine wakes up on those). */
    void changed(boolean byUser) {
        for (Runnable l : listeners) {
            safely(l);
        }
        if (byUser) {
            for (Runnable l : userWriteListeners) {
                safely(l);
            }
        }
    }

    void forgetListeners() {
        listeners.clear();
        userWriteListeners.clear();
    }

    private static void safely(Runnable listener) {
        try {
            listener.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "A journal listener failed", e);
        }
    }
}
