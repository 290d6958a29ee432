package mx.implan.brujula.app.journal;

import mx.implan.brujula.model.Ids;
import mx.implan.brujula.model.Limits;
import mx.implan.brujula.model.observation.Observation;
import mx.implan.brujula.model.observation.PhotoRef;
import mx.implan.brujula.model.observation.Resolution;
import mx.implan.brujula.model.sync.FieldError;
import mx.implan.brujula.model.validation.ObservationValidator;
import mx.implan.brujula.model.validation.Violation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * What the user writes: a save (validated with the server's rules, photos copied in and hashed, a fresh opId,
 * baseRev from the server's last word) and the resolution of a conflict. Nothing is written when a draft is
 * invalid, not even its photos.
 */
final class LocalEdits {

    private final EntryStore store;
    private final PhotoStore photos;
    private final String deviceId;
    private final Clock clock;
    private final java.util.Locale locale;

    LocalEdits(EntryStore store, PhotoStore photos, String deviceId, Clock clock, java.util.Locale locale) {
        this.store = store;
        this.photos = photos;
        this.deviceId = deviceId;
        this.clock = clock;
        this.locale = locale;
    }

    JournalEntry save(Draft draft) {
        Objects.requireNonNull(draft, "draft");
        Objects.requireNonNull(draft.owner(), "owner");
        Objects.requireNonNull(draft.observation(), "observation");
        Observation given = draft.observation();
        UUID id = given.id() != null ? given.id() : Ids.newV7();
        StoredEntry existing = store.get(id);
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
            StoredEntry saved;
            synchronized (store.writeLock) {
                // Under the lock: a photo being freed (PhotoRetention) is either gone before this commit puts it
                // back, or sees this entry and stays.
                for (PhotoStore.Imported photo : imported) {
                    photos.commit(photo);
                }
                imported.clear();
                StoredEntry current = store.get(id);
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
                store.persist(next);
                saved = next;
            }
            store.changed(true);
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

    JournalEntry keepMine(UUID observationId) {
        return resolve(observationId, e -> {
            Observation mine = Versions.deviceCopy(Versions.onTop(e.server(), e.conflict(), e.local())).toBuilder()
                    .opId(Ids.newV7()).baseRev(e.conflict().rev()).deviceId(deviceId).build();
            return e.toBuilder().local(mine).server(e.conflict()).conflict(null).state(EntryState.PENDING)
                    .errors(List.of()).build();
        });
    }

    JournalEntry takeServer(UUID observationId) {
        return resolve(observationId, e -> {
            // The server closes the conflict it recorded when it sees TAKE_SERVER on top of its revision.
            Observation theirs = Versions.deviceCopy(e.conflict()).toBuilder().opId(Ids.newV7())
                    .baseRev(e.conflict().rev()).deviceId(deviceId)
                    .resolution(Resolution.TAKE_SERVER).build();
            return e.toBuilder().local(theirs).server(e.conflict()).conflict(null).state(EntryState.PENDING)
                    .errors(List.of()).build();
        });
    }

    private JournalEntry resolve(UUID id, UnaryOperator<StoredEntry> resolution) {
        StoredEntry next;
        synchronized (store.writeLock) {
            StoredEntry e = store.get(id);
            if (e == null || e.state() != EntryState.CONFLICT || e.conflict() == null) {
                throw new IllegalStateException("Observation " + id + " is not in conflict");
            }
            next = resolution.apply(e);
            store.put(next);
        }
        store.changed(true);
        return next.toEntry();
    }
}
