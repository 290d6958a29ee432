package mx.implan.brujula.app.journal;

import mx.implan.brujula.model.observation.AttributeKeys;
import mx.implan.brujula.model.observation.Observation;
import mx.implan.brujula.model.observation.ObservationKind;
import mx.implan.brujula.model.observation.PhotoRef;
import mx.implan.brujula.model.sync.PushResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The entries' writes on their way to the server, and the photos the server still lacks. */
final class PushQueue implements LocalWrites {

    private final EntryStore store;
    private final PhotoStore photos;
    private final String deviceId;

    PushQueue(EntryStore store, PhotoStore photos, String deviceId) {
        this.store = store;
        this.photos = photos;
        this.deviceId = deviceId;
    }

    @Override
    public String deviceId() {
        return deviceId;
    }

    @Override
    public int unsyncedCount(String owner) {
        return (int) store.all().stream().filter(e -> e.owner().equals(owner) && e.unsynced()).count();
    }

    @Override
    public Set<String> ownersWithWork() {
        Set<String> result = new HashSet<>();
        for (StoredEntry e : store.all()) {
            if (e.unsynced() && !e.owner().equals(Journal.ANONYMOUS)) {
                result.add(e.owner());
            }
        }
        return result;
    }

    /**
     * An entry whose earlier write never got an answer sends that same write again (same opId); the server
     * answers a replay with the original result.
     */
    @Override
    public List<Observation> beginPush(String owner, int max) {
        List<Observation> writes = new ArrayList<>();
        synchronized (store.writeLock) {
            List<StoredEntry> ready = store.all().stream()
                    .filter(e -> e.owner().equals(owner) && !owner.equals(Journal.ANONYMOUS))
                    .filter(e -> e.sent() != null || e.state() == EntryState.PENDING || e.state() == EntryState.SENDING)
                    .sorted(Comparator.comparingInt(PushQueue::urgency).reversed()
                            .thenComparing(StoredEntry::savedAt, Comparator.nullsLast(Comparator.naturalOrder())))
                    .limit(max)
                    .toList();
            for (StoredEntry e : ready) {
                Observation write = e.sent() != null ? e.sent() : e.local();
                StoredEntry next = e.toBuilder().sent(write).state(e.state() == EntryState.CONFLICT ? EntryState.CONFLICT
                        : EntryState.SENDING).build();
                store.put(next);
                writes.add(write);
            }
        }
        if (!writes.isEmpty()) {
            store.changed(false);
        }
        return writes;
    }

    /** Severity of a risk (5 first); everything else after risks. */
    private static int urgency(StoredEntry e) {
        Observation o = e.sent() != null ? e.sent() : e.local();
        if (o.kind() != ObservationKind.RISK) {
            return 0;
        }
        return o.attributesOrEmpty().get(AttributeKeys.SEVERITY) instanceof Number n ? 10 + n.intValue() : 10;
    }

    @Override
    public void applyPush(List<Observation> writes, List<PushResult> results) {
        if (writes.size() != results.size()) {
            throw new IllegalArgumentException(results.size() + " results for " + writes.size() + " writes");
        }
        synchronized (store.writeLock) {
            for (int i = 0; i < writes.size(); i++) {
                Observation write = writes.get(i);
                StoredEntry e = store.get(write.id());
                if (e == null || e.sent() == null || !e.sent().opId().equals(write.opId())) {
                    continue; // already applied (e.g. a replayed batch) or no longer in flight
                }
                store.put(PushOutcomes.apply(e, write, results.get(i)));
            }
        }
        store.changed(false);
    }

    @Override
    public void pushInterrupted(List<Observation> writes) {
        synchronized (store.writeLock) {
            for (Observation write : writes) {
                StoredEntry e = store.get(write.id());
                if (e != null && e.state() == EntryState.SENDING) {
                    // Memory only: on disk the entry is already in flight; after a restart it reads as PENDING.
                    store.putInMemory(e.toBuilder().state(EntryState.PENDING).build());
                }
            }
        }
        store.changed(false);
    }

    @Override
    public List<PendingPhoto> pendingPhotos(String owner) {
        Map<String, PendingPhoto> result = new LinkedHashMap<>();
        for (StoredEntry e : store.all()) {
            if (!e.owner().equals(owner) || e.missingPhotos().isEmpty()) {
                continue;
            }
            for (String sha : e.missingPhotos()) {
                if (result.containsKey(sha)) {
                    continue;
                }
                Optional<Path> file = photos.find(sha);
                if (file.isEmpty()) {
                    continue;
                }
                String type = e.local().photosOrEmpty().stream().filter(p -> sha.equals(p.sha256()))
                        .map(PhotoRef::mediaType).findFirst().orElse("image/jpeg");
                long size;
                try {
                    size = Files.size(file.get());
                } catch (IOException ex) {
                    continue;
                }
                result.put(sha, new PendingPhoto(sha, type, size, file.get()));
            }
        }
        return result.values().stream().sorted(Comparator.comparingLong(PendingPhoto::bytes)).toList();
    }

    @Override
    public void photosArrived(Collection<String> hashes) {
        if (hashes.isEmpty()) {
            return;
        }
        Set<String> arrived = new HashSet<>(hashes);
        boolean any = false;
        synchronized (store.writeLock) {
            for (StoredEntry e : List.copyOf(store.all())) {
                if (e.missingPhotos().stream().noneMatch(arrived::contains)) {
                    continue;
                }
                List<String> still = e.missingPhotos().stream().filter(h -> !arrived.contains(h)).toList();
                StoredEntry.Builder b = e.toBuilder().missingPhotos(still);
                if (still.isEmpty() && e.state() == EntryState.PHOTOS_PENDING) {
                    b.state(EntryState.SYNCED);
                }
                store.put(b.build());
                any = true;
            }
        }
        if (any) {
            store.changed(false);
        }
    }

    @Override
    public AutoCloseable onUserWrite(Runnable listener) {
        return store.onUserWrite(listener);
    }
}
