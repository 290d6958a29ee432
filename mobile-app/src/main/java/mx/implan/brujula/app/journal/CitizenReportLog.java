package mx.implan.brujula.app.journal;

import mx.implan.brujula.model.observation.Observation;
import mx.implan.brujula.model.observation.PhotoRef;
import mx.implan.brujula.model.sync.FieldError;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

/** Anonymous reports: handed to Open311 as in flight, then their tracking token and the status seen through it. */
final class CitizenReportLog implements CitizenReports {

    private final EntryStore store;
    private final PhotoStore photos;
    private final Clock clock;

    CitizenReportLog(EntryStore store, PhotoStore photos, Clock clock) {
        this.store = store;
        this.photos = photos;
        this.clock = clock;
    }

    @Override
    public List<Observation> beginCitizenReports() {
        List<Observation> writes = new ArrayList<>();
        synchronized (store.writeLock) {
            for (StoredEntry e : List.copyOf(store.all())) {
                if (e.owner().equals(Journal.ANONYMOUS) && e.tracking() == null
                        && (e.state() == EntryState.PENDING || e.state() == EntryState.SENDING || e.sent() != null)) {
                    Observation write = e.sent() != null ? e.sent() : e.local();
                    store.put(e.toBuilder().sent(write).state(EntryState.SENDING).build());
                    writes.add(write);
                }
            }
        }
        if (!writes.isEmpty()) {
            store.changed(false);
        }
        return writes;
    }

    @Override
    public List<PendingPhoto> photosOf(Observation write) {
        Map<String, PendingPhoto> result = new LinkedHashMap<>();
        for (PhotoRef ref : write.photosOrEmpty()) {
            Optional<Path> file = photos.find(ref.sha256());
            if (file.isEmpty() || result.containsKey(ref.sha256())) {
                continue;
            }
            try {
                result.put(ref.sha256(), new PendingPhoto(ref.sha256(),
                        ref.mediaType() == null ? "image/jpeg" : ref.mediaType(), Files.size(file.get()), file.get()));
            } catch (IOException gone) {
                // removed meanwhile: nothing to send
            }
        }
        return List.copyOf(result.values());
    }

    @Override
    public void citizenReportAccepted(Observation write, String token, String serviceRequestId) {
        updateSent(write, e -> e.toBuilder().sent(null).state(EntryState.SYNCED).errors(List.of())
                .server(write).tracking(new CitizenTracking(token, serviceRequestId, null, null, null)).build());
    }

    @Override
    public void citizenReportRejected(Observation write, List<FieldError> errors) {
        updateSent(write, e -> e.toBuilder().sent(null).state(EntryState.REJECTED).errors(errors).build());
    }

    @Override
    public void citizenReportInterrupted(List<Observation> writes) {
        synchronized (store.writeLock) {
            for (Observation write : writes) {
                StoredEntry e = store.get(write.id());
                if (e != null && e.state() == EntryState.SENDING) {
                    // Memory only: on disk the report is already in flight; after a restart it reads as PENDING.
                    store.putInMemory(e.toBuilder().state(EntryState.PENDING).build());
                }
            }
        }
        store.changed(false);
    }

    private void updateSent(Observation write, UnaryOperator<StoredEntry> change) {
        synchronized (store.writeLock) {
            StoredEntry e = store.get(write.id());
            if (e == null || e.sent() == null || !e.sent().opId().equals(write.opId())) {
                return;
            }
            store.put(change.apply(e));
        }
        store.changed(false);
    }

    @Override
    public Map<UUID, CitizenTracking> trackedReports() {
        Map<UUID, CitizenTracking> result = new LinkedHashMap<>();
        store.all().stream().filter(e -> e.tracking() != null && e.tracking().token() != null)
                .forEach(e -> result.put(e.id(), e.tracking()));
        return result;
    }

    @Override
    public void applyTracking(UUID id, String status, String statusNotes) {
        boolean any;
        synchronized (store.writeLock) {
            StoredEntry e = store.get(id);
            any = e != null && e.tracking() != null;
            if (any) {
                CitizenTracking t = e.tracking();
                store.put(e.toBuilder().tracking(new CitizenTracking(t.token(), t.serviceRequestId(), status,
                        statusNotes, clock.instant())).build());
            }
        }
        if (any) {
            store.changed(false);
        }
    }

    @Override
    public Optional<CitizenTracking> tracking(UUID observationId) {
        return Optional.ofNullable(store.get(observationId)).map(StoredEntry::tracking);
    }
}
