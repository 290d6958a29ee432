package mx.implan.brujula.app.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import mx.implan.brujula.app.storage.AtomicFiles;
import mx.implan.brujula.app.storage.ChecksummedFile;
import mx.implan.brujula.model.Ids;
import mx.implan.brujula.model.Limits;
import mx.implan.brujula.model.geojson.GeoJson;
import mx.implan.brujula.model.json.WireJson;
import mx.implan.brujula.model.observation.AttributeKeys;
import mx.implan.brujula.model.observation.Observation;
import mx.implan.brujula.model.observation.ObservationKind;
import mx.implan.brujula.model.observation.PhotoRef;
import mx.implan.brujula.model.sync.Change;
import mx.implan.brujula.model.sync.ChangeOp;
import mx.implan.brujula.model.sync.ChangeType;
import mx.implan.brujula.model.sync.FieldError;
import mx.implan.brujula.model.sync.PushResult;
import mx.implan.brujula.model.validation.ObservationValidator;
import mx.implan.brujula.model.validation.Violation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The journal as files in the app's private storage: one checksummed file per entry
 * ({@code entries/<id>.entry}), one per user's pull state ({@code owners/<hex>.state}), photos by hash
 * ({@code photos/<sha256>}), and {@code FORMAT}. Every change replaces one whole file atomically (temp file,
 * fsync, rename, fsync of the directory), so a crash leaves the previous or the new version of that file.
 *
 * <p>Why files and not an append-only log: a save touches exactly one small file, so atomic rename gives
 * all-or-nothing per save with no log replay, compaction or recovery code; reads are served from memory (a
 * thousand entries are a few MB), and a damaged file costs one entry, which is reported, not the whole log.
 * The price is two fsyncs per save (file and directory), a few milliseconds on flash.
 *
 * <p>One process uses a journal directory at a time (the app's own storage). All methods are thread-safe;
 * writes are serialised.
 */
public final class FileJournal implements Journal, AutoCloseable {

    static final String ENTRY_SUFFIX = ".entry";
    private static final String OWNER_SUFFIX = ".state";
    private static final System.Logger LOG = System.getLogger(FileJournal.class.getName());

    private final Path entriesDir;
    private final Path ownersDir;
    private final PhotoStore photos;
    private final String deviceId;
    private final Clock clock;
    private final Locale locale;
    private final ObjectMapper json = WireJson.lenient();
    private final Object writeLock = new Object();
    private final Map<UUID, StoredEntry> entries = new ConcurrentHashMap<>();
    private final Map<String, OwnerState> owners = new ConcurrentHashMap<>();
    private final List<Path> corrupt = new CopyOnWriteArrayList<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> userWriteListeners = new CopyOnWriteArrayList<>();

    private FileJournal(Path dir, String deviceId, Clock clock, Locale locale) {
        this.entriesDir = dir.resolve("entries");
        this.ownersDir = dir.resolve("owners");
        this.photos = new PhotoStore(dir.resolve("photos"));
        this.deviceId = deviceId;
        this.clock = clock;
        this.locale = locale;
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
            JournalFormat.openAndUpgrade(dir, journal.json);
            for (Path d : List.of(journal.entriesDir, journal.ownersDir, dir.resolve("photos"))) {
                Files.createDirectories(d);
                AtomicFiles.removeTemporaries(d);
            }
            journal.load();
        } catch (IOException e) {
            throw new JournalException("Cannot open the journal in " + dir + ": " + e.getMessage(), e);
        }
        return journal;
    }

    private void load() throws IOException {
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

    private <T> T read(Path file, Class<T> type) throws IOException {
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

    /** Files found damaged on open (checksum mismatch, truncated, unreadable); kept on disk untouched. */
    public List<Path> corruptFiles() {
        return List.copyOf(corrupt);
    }

    public String deviceId() {
        return deviceId;
    }

    // ---------------------------------------------------------------- what the screens use

    @Override
    public JournalEntry save(Draft draft) {
        Objects.requireNonNull(draft, "draft");
        Objects.requireNonNull(draft.owner(), "owner");
        Objects.requireNonNull(draft.observation(), "observation");
        Observation given = draft.observation();
        UUID id = given.id() != null ? given.id() : Ids.newV7();
        StoredEntry existing = entries.get(id);
        if (existing != null && !existing.owner().equals(draft.owner())) {
            throw new InvalidDraftException(List.of(JournalMessages.error("id", JournalMessages.NOT_OWNER, locale)));
        }
        if (existing != null && existing.tracking() != null) {
            throw new InvalidDraftException(List.of(JournalMessages.error("id", JournalMessages.ALREADY_REPORTED, locale)));
        }
        List<PhotoStore.Imported> imported = new ArrayList<>();
        try {
            List<FieldError> photoErrors = new ArrayList<>();
            List<PhotoRef> refs = new ArrayList<>(given.photosOrEmpty());
            Set<String> known = new HashSet<>();
            refs.forEach(p -> known.add(p.sha256()));
            for (int i = 0; i < draft.newPhotoFiles().size(); i++) {
                Path file = draft.newPhotoFiles().get(i);
                String field = "photos[" + (refs.size()) + "]";
                PhotoStore.Imported photo;
                try {
                    photo = photos.importFile(file);
                } catch (IOException e) {
                    photoErrors.add(JournalMessages.error(field, JournalMessages.PHOTO_UNREADABLE, locale,
                            String.valueOf(file.getFileName())));
                    continue;
                }
                imported.add(photo);
                if (photo.mediaType() == null) {
                    photoErrors.add(JournalMessages.error(field + ".mediaType", JournalMessages.MEDIA_TYPE, locale));
                    continue;
                }
                if (known.add(photo.sha256())) {
                    refs.add(new PhotoRef(photo.sha256(), photo.mediaType(), photo.temp().size(), takenAt(file)));
                }
            }
            Observation write = Versions.deviceCopy(given).toBuilder()
                    .id(id)
                    .opId(Ids.newV7())
                    .deviceId(deviceId)
                    .geometry(TrackSimplifier.fit(given.geometry(), Limits.MAX_VERTICES))
                    .photos(refs.isEmpty() && given.photos() == null ? null : refs)
                    .baseRev(existing != null && existing.server() != null && existing.server().rev() != null
                            ? existing.server().rev() : 0L)
                    .build();
            List<FieldError> errors = new ArrayList<>(photoErrors);
            for (Violation v : ObservationValidator.validate(write)) {
                errors.add(v.toFieldError(locale));
            }
            if (!errors.isEmpty()) {
                throw new InvalidDraftException(errors);
            }
            for (PhotoStore.Imported photo : imported) {
                photos.commit(photo);
            }
            imported.clear();
            StoredEntry saved;
            synchronized (writeLock) {
                StoredEntry current = entries.get(id);
                StoredEntry next;
                if (current == null) {
                    next = new StoredEntry(id, draft.owner(), write, null, EntryState.PENDING, List.of(), List.of(),
                            null, clock.instant(), null, null);
                } else {
                    // Rebased here too: the entry may have been synced between reading it above and now.
                    Observation rebased = write.toBuilder().baseRev(current.server() != null && current.server().rev() != null
                            ? current.server().rev() : 0L).build();
                    next = current.toBuilder().local(rebased).errors(List.of()).savedAt(clock.instant())
                            .state(current.state() == EntryState.CONFLICT ? EntryState.CONFLICT : EntryState.PENDING)
                            .build();
                }
                persist(next);
                saved = next;
            }
            changed(true);
            return saved.toEntry();
        } catch (IOException e) {
            throw new JournalException("Could not save observation " + id + ": " + e.getMessage(), e);
        } finally {
            imported.forEach(photos::discard);
        }
    }

    private OffsetDateTime takenAt(Path file) {
        try {
            return OffsetDateTime.ofInstant(Files.getLastModifiedTime(file).toInstant(), clock.getZone()).withNano(0);
        } catch (IOException e) {
            return OffsetDateTime.now(clock).withNano(0);
        }
    }

    @Override
    public Optional<JournalEntry> find(UUID observationId) {
        return Optional.ofNullable(entries.get(observationId)).map(StoredEntry::toEntry);
    }

    @Override
    public List<JournalEntry> entries(String owner) {
        return entries.values().stream()
                .filter(e -> e.owner().equals(owner))
                .sorted(Comparator.comparing(StoredEntry::savedAt, Comparator.nullsLast(Comparator.reverseOrder()))
                        .thenComparing(StoredEntry::id))
                .map(StoredEntry::toEntry)
                .toList();
    }

    @Override
    public List<AssignedWork> works(String owner) {
        OwnerState state = owners.get(owner);
        if (state == null) {
            return List.of();
        }
        return state.works().stream()
                .map(w -> withLastProgress(owner, w))
                .sorted(Comparator.comparing(AssignedWork::name, Comparator.nullsLast(String.CASE_INSENSITIVE_ORDER)))
                .toList();
    }

    @Override
    public Optional<AssignedWork> work(UUID workId) {
        for (OwnerState state : owners.values()) {
            for (AssignedWork w : state.works()) {
                if (w.id().equals(workId)) {
                    return Optional.of(withLastProgress(state.owner(), w));
                }
            }
        }
        return Optional.empty();
    }

    /** The newest progress this device knows: the server's, or the owner's own report if newer. */
    private AssignedWork withLastProgress(String owner, AssignedWork w) {
        StoredEntry latest = null;
        for (StoredEntry e : entries.values()) {
            Observation o = e.local();
            if (e.owner().equals(owner) && o.kind() == ObservationKind.WORKS_PROGRESS
                    && w.id().toString().equals(String.valueOf(o.attributesOrEmpty().get(AttributeKeys.PUBLIC_WORK_ID)))
                    && o.capturedAt() != null
                    && (latest == null || o.capturedAt().isAfter(latest.local().capturedAt()))) {
                latest = e;
            }
        }
        if (latest == null || (w.lastReportedAt() != null && !latest.local().capturedAt().isAfter(w.lastReportedAt()))) {
            return w;
        }
        Map<String, Object> a = latest.local().attributesOrEmpty();
        Object percent = a.get(AttributeKeys.PROGRESS_PERCENT);
        Object stage = a.get(AttributeKeys.STAGE);
        return new AssignedWork(w.id(), w.code(), w.name(), w.status(), w.geometry(),
                percent instanceof Number n ? n.intValue() : w.lastProgressPercent(),
                stage == null ? w.lastStage() : stage.toString(), latest.local().capturedAt());
    }

    @Override
    public JournalEntry keepMine(UUID observationId) {
        return resolve(observationId, e -> {
            Observation mine = Versions.deviceCopy(Versions.onTop(e.server(), e.conflict(), e.local())).toBuilder()
                    .opId(Ids.newV7()).baseRev(e.conflict().rev()).deviceId(deviceId).build();
            return e.toBuilder().local(mine).server(e.conflict()).conflict(null).state(EntryState.PENDING)
                    .errors(List.of()).build();
        });
    }

    @Override
    public JournalEntry takeServer(UUID observationId) {
        return resolve(observationId, e -> {
            // The server closes the conflict it recorded when it sees TAKE_SERVER on top of its revision.
            Observation theirs = Versions.deviceCopy(e.conflict()).toBuilder().opId(Ids.newV7())
                    .baseRev(e.conflict().rev()).deviceId(deviceId)
                    .resolution(mx.implan.brujula.model.observation.Resolution.TAKE_SERVER).build();
            return e.toBuilder().local(theirs).server(e.conflict()).conflict(null).state(EntryState.PENDING)
                    .errors(List.of()).build();
        });
    }

    private JournalEntry resolve(UUID id, java.util.function.UnaryOperator<StoredEntry> resolution) {
        StoredEntry next;
        synchronized (writeLock) {
            StoredEntry e = entries.get(id);
            if (e == null || e.state() != EntryState.CONFLICT || e.conflict() == null) {
                throw new IllegalStateException("Observation " + id + " is not in conflict");
            }
            next = resolution.apply(e);
            persistUnchecked(next);
        }
        changed(true);
        return next.toEntry();
    }

    @Override
    public Optional<Path> photo(String sha256) {
        return photos.find(sha256);
    }

    @Override
    public AutoCloseable onChange(Runnable listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Called after each change the user made (save, conflict resolution): the sync engine wakes up on it. */
    public AutoCloseable onUserWrite(Runnable listener) {
        userWriteListeners.add(listener);
        return () -> userWriteListeners.remove(listener);
    }

    /** The tracking token and status of an anonymous report, once sent. */
    public Optional<CitizenTracking> tracking(UUID observationId) {
        return Optional.ofNullable(entries.get(observationId)).map(StoredEntry::tracking);
    }

    /** Entries of {@code owner} not yet SYNCED (what the sync status calls pending). */
    public int unsyncedCount(String owner) {
        return (int) entries.values().stream().filter(e -> e.owner().equals(owner) && e.unsynced()).count();
    }

    /** Owners of entries that still need the server (push, photos), in no particular order. */
    public Set<String> ownersWithWork() {
        Set<String> result = new HashSet<>();
        for (StoredEntry e : entries.values()) {
            if (e.unsynced() && !e.owner().equals(ANONYMOUS)) {
                result.add(e.owner());
            }
        }
        return result;
    }

    @Override
    public void close() {
        listeners.clear();
        userWriteListeners.clear();
    }

    // ---------------------------------------------------------------- what the sync engine uses

    /**
     * Picks up to {@code max} writes of {@code owner} to push and records each as in flight (durably) before it
     * is sent. An entry whose earlier write never got an answer sends that same write again (same opId); the
     * server answers a replay with the original result. Severe risks go first.
     */
    public List<Observation> beginPush(String owner, int max) {
        List<Observation> writes = new ArrayList<>();
        synchronized (writeLock) {
            List<StoredEntry> ready = entries.values().stream()
                    .filter(e -> e.owner().equals(owner) && !owner.equals(ANONYMOUS))
                    .filter(e -> e.sent() != null || e.state() == EntryState.PENDING || e.state() == EntryState.SENDING)
                    .sorted(Comparator.comparingInt(FileJournal::urgency).reversed()
                            .thenComparing(StoredEntry::savedAt, Comparator.nullsLast(Comparator.naturalOrder())))
                    .limit(max)
                    .toList();
            for (StoredEntry e : ready) {
                Observation write = e.sent() != null ? e.sent() : e.local();
                StoredEntry next = e.toBuilder().sent(write).state(e.state() == EntryState.CONFLICT ? EntryState.CONFLICT
                        : EntryState.SENDING).build();
                persistUnchecked(next);
                writes.add(write);
            }
        }
        if (!writes.isEmpty()) {
            changed(false);
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

    /** Applies the server's answers to the writes {@link #beginPush} handed out (same order). */
    public void applyPush(List<Observation> writes, List<PushResult> results) {
        if (writes.size() != results.size()) {
            throw new IllegalArgumentException(results.size() + " results for " + writes.size() + " writes");
        }
        synchronized (writeLock) {
            for (int i = 0; i < writes.size(); i++) {
                Observation write = writes.get(i);
                StoredEntry e = entries.get(write.id());
                if (e == null || e.sent() == null || !e.sent().opId().equals(write.opId())) {
                    continue; // already applied (e.g. a replayed batch) or no longer in flight
                }
                persistUnchecked(PushOutcomes.apply(e, write, results.get(i)));
            }
        }
        changed(false);
    }

    /** The push failed without answers: the writes stay in flight (resent as they are) and show as pending. */
    public void pushInterrupted(List<Observation> writes) {
        synchronized (writeLock) {
            for (Observation write : writes) {
                StoredEntry e = entries.get(write.id());
                if (e != null && e.state() == EntryState.SENDING) {
                    // Memory only: on disk the entry is already in flight; after a restart it reads as PENDING.
                    entries.put(e.id(), e.toBuilder().state(EntryState.PENDING).build());
                }
            }
        }
        changed(false);
    }

    /** A photo the server still lacks and this device holds: where it is, its type and size. */
    public record PendingPhoto(String sha256, String mediaType, long bytes, Path file) {
    }

    /** Photos of {@code owner}'s entries that the server listed as missing and that are stored here, smallest first. */
    public List<PendingPhoto> pendingPhotos(String owner) {
        Map<String, PendingPhoto> result = new LinkedHashMap<>();
        for (StoredEntry e : entries.values()) {
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

    /**
     * The photos of a write stored on this device, in the write's order, each once: what an anonymous report
     * carries inside it (it cannot upload them apart). A photo whose file is gone cannot be sent and is left out.
     */
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

    /** The server now holds these photos: entries waiting only for them become SYNCED. */
    public void photosArrived(Collection<String> hashes) {
        if (hashes.isEmpty()) {
            return;
        }
        Set<String> arrived = new HashSet<>(hashes);
        boolean any = false;
        synchronized (writeLock) {
            for (StoredEntry e : List.copyOf(entries.values())) {
                if (e.missingPhotos().stream().noneMatch(arrived::contains)) {
                    continue;
                }
                List<String> still = e.missingPhotos().stream().filter(h -> !arrived.contains(h)).toList();
                StoredEntry.Builder b = e.toBuilder().missingPhotos(still);
                if (still.isEmpty() && e.state() == EntryState.PHOTOS_PENDING) {
                    b.state(EntryState.SYNCED);
                }
                persistUnchecked(b.build());
                any = true;
            }
        }
        if (any) {
            changed(false);
        }
    }

    public String pullCursor(String owner) {
        OwnerState s = owners.get(owner);
        return s == null ? null : s.cursor();
    }

    /** The server no longer knows the cursor (410): start over, forgetting works that a full pull re-sends. */
    public void resetPull(String owner) {
        synchronized (writeLock) {
            persistUnchecked(OwnerState.empty(owner));
        }
        changed(false);
    }

    /**
     * Applies one page of pulled changes for {@code owner}, then stores {@code next}. Entries are written before
     * the cursor, so a crash in between pulls the page again (applying a change twice is harmless).
     */
    public void applyPull(String owner, List<Change> changes, String next) {
        synchronized (writeLock) {
            OwnerState state = owners.getOrDefault(owner, OwnerState.empty(owner));
            Map<UUID, AssignedWork> works = new LinkedHashMap<>();
            state.works().forEach(w -> works.put(w.id(), w));
            for (Change c : changes) {
                if (c == null || c.type() == null || c.op() == null) {
                    continue; // a change type this app does not know
                }
                if (c.type() == ChangeType.OBSERVATION) {
                    pulledObservation(owner, c);
                } else if (c.type() == ChangeType.WORK) {
                    UUID id = uuid(c.id());
                    if (id == null) {
                        continue;
                    }
                    if (c.op() == ChangeOp.REMOVE) {
                        works.remove(id);
                    } else if (c.data() != null) {
                        works.put(id, work(id, c.data()));
                    }
                }
            }
            persistUnchecked(new OwnerState(owner, next, List.copyOf(works.values())));
        }
        changed(false);
    }

    private void pulledObservation(String owner, Change c) {
        UUID id = uuid(c.id());
        if (id == null) {
            return;
        }
        StoredEntry e = entries.get(id);
        if (c.op() == ChangeOp.REMOVE) {
            if (e != null && e.owner().equals(owner) && !e.hasLocalWork()) {
                deleteUnchecked(e);
            }
            return;
        }
        Observation data;
        try {
            data = json.treeToValue(c.data(), Observation.class);
        } catch (IOException | IllegalArgumentException ex) {
            LOG.log(System.Logger.Level.WARNING, "Skipping an unreadable pulled observation " + id + ": " + ex);
            return;
        }
        if (data == null || data.id() == null) {
            return;
        }
        if (e == null) {
            // Captured on another device (or before a reinstall) by this user: the device learns it as synced.
            if (!owner.equals(data.author())) {
                return; // supervisors pull everyone's work; their journal keeps their own
            }
            persistUnchecked(new StoredEntry(id, owner, Versions.deviceCopy(data), data, EntryState.SYNCED,
                    List.of(), List.of(), null, data.receivedAt() == null ? clock.instant() : data.receivedAt().toInstant(),
                    null, null));
            return;
        }
        if (!e.owner().equals(owner)) {
            return;
        }
        long known = e.server() == null || e.server().rev() == null ? 0 : e.server().rev();
        long pulled = data.rev() == null ? 0 : data.rev();
        if (pulled < known) {
            return; // an older state delivered late
        }
        if (e.hasLocalWork()) {
            // The pending edit names its own baseRev; only what the server alone owns is refreshed for display.
            if (e.server() != null) {
                persistUnchecked(e.toBuilder().server(e.server().toBuilder().status(data.status()).flags(data.flags())
                        .build()).build());
            }
            return;
        }
        persistUnchecked(e.toBuilder().server(data).local(Versions.deviceCopy(data)).build());
    }

    private static AssignedWork work(UUID id, JsonNode d) {
        Integer percent = d.hasNonNull("lastProgressPercent") ? d.get("lastProgressPercent").asInt() : null;
        OffsetDateTime reportedAt = null;
        if (d.hasNonNull("lastReportedAt")) {
            try {
                reportedAt = OffsetDateTime.parse(d.get("lastReportedAt").asText());
            } catch (RuntimeException ignored) {
                // a newer server's format: shown without a date
            }
        }
        org.locationtech.jts.geom.Geometry geometry = null;
        if (d.hasNonNull("geometry")) {
            try {
                geometry = GeoJson.read(d.get("geometry"));
            } catch (RuntimeException ignored) {
                // a work without a readable geometry is still listed
            }
        }
        return new AssignedWork(id, text(d, "code"), text(d, "name"), text(d, "status"), geometry, percent,
                text(d, "lastStage"), reportedAt);
    }

    private static String text(JsonNode d, String field) {
        return d.hasNonNull(field) ? d.get(field).asText() : null;
    }

    private static UUID uuid(String text) {
        try {
            return text == null ? null : UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Anonymous reports not yet answered, each recorded as in flight (same opId = same Idempotency-Key on resend). */
    public List<Observation> beginCitizenReports() {
        List<Observation> writes = new ArrayList<>();
        synchronized (writeLock) {
            for (StoredEntry e : List.copyOf(entries.values())) {
                if (e.owner().equals(ANONYMOUS) && e.tracking() == null
                        && (e.state() == EntryState.PENDING || e.state() == EntryState.SENDING || e.sent() != null)) {
                    Observation write = e.sent() != null ? e.sent() : e.local();
                    persistUnchecked(e.toBuilder().sent(write).state(EntryState.SENDING).build());
                    writes.add(write);
                }
            }
        }
        if (!writes.isEmpty()) {
            changed(false);
        }
        return writes;
    }

    /** Open311 accepted the report: keep its tracking token. */
    public void citizenReportAccepted(Observation write, String token, String serviceRequestId) {
        updateSent(write, e -> e.toBuilder().sent(null).state(EntryState.SYNCED).errors(List.of())
                .server(write).tracking(new CitizenTracking(token, serviceRequestId, null, null, null)).build());
    }

    /** Open311 refused the report (the spec's 400): kept, with the server's reason. */
    public void citizenReportRejected(Observation write, List<FieldError> errors) {
        updateSent(write, e -> e.toBuilder().sent(null).state(EntryState.REJECTED).errors(errors).build());
    }

    private void updateSent(Observation write, java.util.function.UnaryOperator<StoredEntry> change) {
        synchronized (writeLock) {
            StoredEntry e = entries.get(write.id());
            if (e == null || e.sent() == null || !e.sent().opId().equals(write.opId())) {
                return;
            }
            persistUnchecked(change.apply(e));
        }
        changed(false);
    }

    /** Anonymous reports with a tracking token, by observation id. */
    public Map<UUID, CitizenTracking> trackedReports() {
        Map<UUID, CitizenTracking> result = new LinkedHashMap<>();
        entries.values().stream().filter(e -> e.tracking() != null && e.tracking().token() != null)
                .forEach(e -> result.put(e.id(), e.tracking()));
        return result;
    }

    public void applyTracking(UUID id, String status, String statusNotes) {
        boolean any;
        synchronized (writeLock) {
            StoredEntry e = entries.get(id);
            any = e != null && e.tracking() != null;
            if (any) {
                CitizenTracking t = e.tracking();
                persistUnchecked(e.toBuilder().tracking(new CitizenTracking(t.token(), t.serviceRequestId(), status,
                        statusNotes, clock.instant())).build());
            }
        }
        if (any) {
            changed(false);
        }
    }

    // ---------------------------------------------------------------- files

    private void persist(StoredEntry e) throws IOException {
        AtomicFiles.write(entriesDir.resolve(e.id() + ENTRY_SUFFIX), ChecksummedFile.encode(json.writeValueAsBytes(e)));
        entries.put(e.id(), e);
    }

    private void persistUnchecked(StoredEntry e) {
        try {
            persist(e);
        } catch (IOException ex) {
            throw new JournalException("Could not write entry " + e.id() + ": " + ex.getMessage(), ex);
        }
    }

    private void persistUnchecked(OwnerState s) {
        String name = HexFormat.of().formatHex(s.owner().getBytes(StandardCharsets.UTF_8));
        try {
            AtomicFiles.write(ownersDir.resolve("u" + name + OWNER_SUFFIX), ChecksummedFile.encode(json.writeValueAsBytes(s)));
        } catch (IOException ex) {
            throw new JournalException("Could not write the pull state of " + s.owner() + ": " + ex.getMessage(), ex);
        }
        owners.put(s.owner(), s);
    }

    private void deleteUnchecked(StoredEntry e) {
        try {
            AtomicFiles.delete(entriesDir.resolve(e.id() + ENTRY_SUFFIX));
        } catch (IOException ex) {
            throw new JournalException("Could not remove entry " + e.id() + ": " + ex.getMessage(), ex);
        }
        entries.remove(e.id());
    }

    private void changed(boolean byUser) {
        for (Runnable l : listeners) {
            safely(l);
        }
        if (byUser) {
            for (Runnable l : userWriteListeners) {
                safely(l);
            }
        }
    }

    private static void safely(Runnable listener) {
        try {
            listener.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "A journal listener failed", e);
        }
    }
}
