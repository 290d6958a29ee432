package mx.implan.brujula.app.journal;

import mx.implan.brujula.model.observation.Observation;
import mx.implan.brujula.model.observation.PhotoRef;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which photos may leave the device and their removal. Eligible: every entry that references the photo (in any
 * of its versions: the user's, the server's, the one in flight, a conflict copy) is settled on the server, and
 * the newest of them was saved before the cut-off. The removal writes the thumbnail first and rechecks
 * eligibility under the journal's write lock, so a save or a push racing with it keeps the photo.
 */
final class PhotoKeeper implements PhotoRetention {

    private static final System.Logger LOG = System.getLogger(PhotoKeeper.class.getName());

    private final EntryStore store;
    private final PhotoStore photos;
    private volatile Thumbnailer thumbnailer = Thumbnailer.NONE;

    PhotoKeeper(EntryStore store, PhotoStore photos) {
        this.store = store;
        this.photos = photos;
    }

    void thumbnailer(Thumbnailer thumbnailer) {
        this.thumbnailer = thumbnailer;
    }

    @Override
    public List<String> removablePhotos(String owner, Instant savedBefore) {
        Map<String, List<StoredEntry>> references = references();
        Set<String> result = new LinkedHashSet<>();
        for (StoredEntry e : store.all()) {
            if (!e.owner().equals(owner)) {
                continue;
            }
            for (String sha : hashes(e)) {
                if (!result.contains(sha) && removable(references.get(sha), savedBefore) && photos.find(sha).isPresent()) {
                    result.add(sha);
                }
            }
        }
        return List.copyOf(result);
    }

    @Override
    public List<String> removeConfirmed(Collection<String> confirmed, Instant savedBefore) {
        List<String> candidates = new ArrayList<>();
        for (String sha : new LinkedHashSet<>(confirmed)) {
            Optional<Path> file = photos.find(sha);
            if (file.isEmpty() || !removable(references().get(sha), savedBefore)) {
                continue;
            }
            keepThumbnail(sha, file.get());
            candidates.add(sha);
        }
        List<String> removed = new ArrayList<>();
        synchronized (store.writeLock) {
            Map<String, List<StoredEntry>> references = references();
            for (String sha : candidates) {
                if (!removable(references.get(sha), savedBefore)) {
                    continue; // edited or captured again meanwhile: it stays until that is settled too
                }
                try {
                    photos.remove(sha);
                    removed.add(sha);
                } catch (IOException e) {
                    throw new JournalException("Could not remove photo " + sha + ": " + e.getMessage(), e);
                }
            }
        }
        if (!removed.isEmpty()) {
            store.changed(false);
        }
        return removed;
    }

    /** A thumbnail that cannot be made costs the list its picture, never the removal (storage may be full). */
    private void keepThumbnail(String sha, Path file) {
        if (photos.thumbnail(sha).isPresent()) {
            return;
        }
        try {
            Optional<byte[]> thumb = thumbnailer.thumbnail(file);
            if (thumb.isPresent()) {
                photos.keepThumbnail(sha, thumb.get());
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "No thumbnail for photo " + sha + ": " + e);
        }
    }

    private Map<String, List<StoredEntry>> references() {
        Map<String, List<StoredEntry>> result = new HashMap<>();
        for (StoredEntry e : store.all()) {
            for (String sha : hashes(e)) {
                result.computeIfAbsent(sha, k -> new ArrayList<>()).add(e);
            }
        }
        return result;
    }

    private static Set<String> hashes(StoredEntry e) {
        Set<String> result = new LinkedHashSet<>();
        for (Observation o : new Observation[]{e.local(), e.server(), e.sent(), e.conflict()}) {
            if (o != null) {
                o.photosOrEmpty().stream().map(PhotoRef::sha256).forEach(result::add);
            }
        }
        return result;
    }

    private static boolean removable(List<StoredEntry> referencing, Instant savedBefore) {
        if (referencing == null || referencing.isEmpty()) {
            return false;
        }
        for (StoredEntry e : referencing) {
            boolean settled = e.state() == EntryState.SYNCED && e.sent() == null && e.conflict() == null
                    && e.missingPhotos().isEmpty()
                    && (!e.owner().equals(Journal.ANONYMOUS) || e.tracking() != null);
            if (!settled || e.savedAt() == null || !e.savedAt().isBefore(savedBefore)) {
                return false;
            }
        }
        return true;
    }
}
