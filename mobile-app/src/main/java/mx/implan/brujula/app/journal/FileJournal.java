package mx.implan.brujula.app.journal;

import mx.implan.brujula.app.storage.AtomicFiles;
import mx.implan.brujula.model.observation.Observation;
import mx.implan.brujula.model.sync.Change;
import mx.implan.brujula.model.sync.FieldError;
import mx.implan.brujula.model.sync.PushResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The journal as files in the app's private storage: one checksummed file per entry
 * ({@code entries/<id>.entry}), one per user's pull state ({@code owners/<hex>.state}), photos by hash
 * ({@code photos/<sha256>}, thumbnails of removed ones in {@code thumbs/}), and {@code FORMAT}. Every change
 * replaces one whole file atomically (temp file, fsync, rename, fsync of the directory), so a crash leaves the
 * previous or the new version of that file.
 *
 * <p>Why files and not an append-only log: a save touches exactly one small file, so atomic rename gives
 * all-or-nothing per save with no log replay, compaction or recovery code; reads are served from memory (a
 * thousand entries are a few MB), and a damaged file costs one entry, which is reported, not the whole log.
 * The price is two fsyncs per save (file and directory), a few milliseconds on flash.
 *
 * <p>One object, several faces, one per concern: what the screens use ({@link Journal}, {@link LocalEdits}), the
 * queue the sync engine drains ({@link LocalWrites}), where pulled changes land ({@link PulledChanges}),
 * anonymous reports ({@link CitizenReports}) and freeing photos the server holds ({@link PhotoRetention}).
 *
 * <p>One process uses a journal directory at a time (the app's own storage). All methods are thread-safe;
 * writes are serialised.
 */
public final class FileJournal
        implements Journal, LocalWrites, PulledChanges, CitizenReports, PhotoRetention, AutoCloseable {

    private final EntryStore store;
    private final PhotoStore photos;
    private final LocalEdits edits;
    private final PushQueue queue;
    private final PulledState pulled;
    private final OfflineMaps maps;
    private final CitizenReportLog reports;
    private final PhotoKeeper keeper;

    private FileJournal(Path dir, String deviceId, Clock clock, Locale locale) {
        this.store = new EntryStore(dir);
        this.photos = new PhotoStore(dir.resolve("photos"), dir.resolve("thumbs"));
        this.edits = new LocalEdits(store, photos, deviceId, clock, locale);
        this.queue = new PushQueue(store, photos, deviceId);
        this.maps = new OfflineMaps(dir.resolve("maps"), store.json());
        this.pulled = new PulledState(store, maps, clock);
        this.reports = new CitizenReportLog(store, photos, clock);
        this.keeper = new PhotoKeeper(store, photos);
    }

    /**
     * Opens (creating or upgrading as needed) the journal in {@code dir}.
     *
     * @param deviceId this device's id, stamped on every write
     * @throws JournalException when the directory cannot be read or written, or was written by a newer app
     */
    public static FileJournal open(Path dir, String deviceId, Clock clock) {
        Locale locale = "en".equals(Locale.getDefault().getLanguage()) ? Locale.ENGLISH : Locale.forLanguageTag("es-MX");
        return open(dir, deviceId, clock, locale);
    }

    /** As {@link #open(Path, String, Clock)}, with the language of validation messages. */
    public static FileJournal open(Path dir, String deviceId, Clock clock, Locale locale) {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(clock, "clock");
        FileJournal journal = new FileJournal(dir, deviceId, clock, locale);
        try {
            Files.createDirectories(dir);
            JournalFormat.openAndUpgrade(dir, journal.store.json());
            List<Path> dirs = new ArrayList<>(journal.store.directories());
            dirs.addAll(journal.photos.directories());
            dirs.add(journal.maps.directory());
            for (Path d : dirs) {
                Files.createDirectories(d);
                AtomicFiles.removeTemporaries(d);
            }
            journal.store.load();
        } catch (IOException e) {
            throw new JournalException("Cannot open the journal in " + dir + ": " + e.getMessage(), e);
        }
        return journal;
    }

    /** How thumbnails of photos that leave the device are made (none until set: a numbered placeholder). */
    public FileJournal thumbnails(Thumbnailer thumbnailer) {
        keeper.thumbnailer(Objects.requireNonNull(thumbnailer, "thumbnailer"));
        return this;
    }

    /** Files found damaged on open (checksum mismatch, truncated, unreadable); kept on disk untouched. */
    public List<Path> corruptFiles() {
        return store.corruptFiles();
    }

    // ---------------------------------------------------------------- what the screens use

    @Override
    public JournalEntry save(Draft draft) {
        return edits.save(draft);
    }

    @Override
    public Optional<JournalEntry> find(UUID observationId) {
        return Optional.ofNullable(store.get(observationId)).map(StoredEntry::toEntry);
    }

    @Override
    public List<JournalEntry> entries(String owner) {
        return store.all().stream()
                .filter(e -> e.owner().equals(owner))
                .sorted(Comparator.comparing(StoredEntry::savedAt, Comparator.nullsLast(Comparator.reverseOrder()))
                        .thenComparing(StoredEntry::id))
                .map(StoredEntry::toEntry)
                .toList();
    }

    @Override
    public List<AssignedWork> works(String owner) {
        return pulled.works(owner);
    }

    @Override
    public Optional<AssignedWork> work(UUID workId) {
        return pulled.work(workId);
    }

    @Override
    public Optional<OfflineMap> offlineMap(String owner) {
        return maps.get(owner);
    }

    @Override
    public boolean offlineMapWanted(String owner) {
        return maps.wanted(owner);
    }

    @Override
    public Optional<String> offlineMapVersion(String owner) {
        return maps.get(owner).map(OfflineMap::version);
    }

    @Override
    public void offlineMapCurrent(String owner) {
        maps.confirmCurrent(owner);
    }

    @Override
    public void saveOfflineMap(String owner, byte[] body) {
        maps.save(owner, body);
        store.changed(false);
    }

    @Override
    public JournalEntry keepMine(UUID observationId) {
        return edits.keepMine(observationId);
    }

    @Override
    public JournalEntry takeServer(UUID observationId) {
        return edits.takeServer(observationId);
    }

    @Override
    public Optional<Path> photo(String sha256) {
        return photos.find(sha256);
    }

    @Override
    public Optional<Path> preview(String sha256) {
        return photos.find(sha256).or(() -> photos.thumbnail(sha256));
    }

    @Override
    public AutoCloseable onChange(Runnable listener) {
        return store.onChange(listener);
    }

    @Override
    public void close() {
        store.forgetListeners();
    }

    // ---------------------------------------------------------------- the queue of local writes

    @Override
    public String deviceId() {
        return queue.deviceId();
    }

    @Override
    public AutoCloseable onUserWrite(Runnable listener) {
        return queue.onUserWrite(listener);
    }

    @Override
    public int unsyncedCount(String owner) {
        return queue.unsyncedCount(owner);
    }

    @Override
    public Set<String> ownersWithWork() {
        return queue.ownersWithWork();
    }

    @Override
    public List<Observation> beginPush(String owner, int max) {
        return queue.beginPush(owner, max);
    }

    @Override
    public void applyPush(List<Observation> writes, List<PushResult> results) {
        queue.applyPush(writes, results);
    }

    @Override
    public void pushInterrupted(List<Observation> writes) {
        queue.pushInterrupted(writes);
    }

    @Override
    public List<PendingPhoto> pendingPhotos(String owner) {
        return queue.pendingPhotos(owner);
    }

    @Override
    public void photosArrived(Collection<String> hashes) {
        queue.photosArrived(hashes);
    }

    // ---------------------------------------------------------------- pulled changes

    @Override
    public String pullCursor(String owner) {
        return pulled.pullCursor(owner);
    }

    @Override
    public void resetPull(String owner) {
        pulled.resetPull(owner);
    }

    @Override
    public void applyPull(String owner, List<Change> changes, String next) {
        pulled.applyPull(owner, changes, next);
    }

    // ---------------------------------------------------------------- anonymous citizen reports

    @Override
    public List<Observation> beginCitizenReports() {
        return reports.beginCitizenReports();
    }

    @Override
    public List<PendingPhoto> photosOf(Observation write) {
        return reports.photosOf(write);
    }

    @Override
    public void citizenReportAccepted(Observation write, String token, String serviceRequestId) {
        reports.citizenReportAccepted(write, token, serviceRequestId);
    }

    @Override
    public void citizenReportRejected(Observation write, List<FieldError> errors) {
        reports.citizenReportRejected(write, errors);
    }

    @Override
    public void citizenReportInterrupted(List<Observation> writes) {
        reports.citizenReportInterrupted(writes);
    }

    @Override
    public Map<UUID, CitizenTracking> trackedReports() {
        return reports.trackedReports();
    }

    @Override
    public void applyTracking(UUID id, String status, String statusNotes) {
        reports.applyTracking(id, status, statusNotes);
    }

    @Override
    public Optional<CitizenTracking> tracking(UUID observationId) {
        return reports.tracking(observationId);
    }

    // ---------------------------------------------------------------- photos the server holds

    @Override
    public List<String> removablePhotos(String owner, Instant savedBefore) {
        return keeper.removablePhotos(owner, savedBefore);
    }

    @Override
    public List<String> removeConfirmed(Collection<String> confirmed, Instant savedBefore) {
        return keeper.removeConfirmed(confirmed, savedBefore);
    }
}
