package mx.implan.brujula.app.journal;

import mx.implan.brujula.model.observation.Observation;
import mx.implan.brujula.model.sync.FieldError;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One entry as written to disk: what the UI sees ({@link JournalEntry}) plus what the sync engine needs to be
 * idempotent across crashes.
 *
 * @param sent     the write currently (or last) handed to the server whose answer has not been applied; pushed
 *                 again, with the same opId, before any newer local edit — so a lost answer is replayed, never
 *                 guessed. Null when nothing is in flight.
 * @param tracking Open311 answer of an anonymous report; null otherwise
 */
record StoredEntry(UUID id, String owner, Observation local, Observation server, EntryState state,
                   List<String> missingPhotos, List<FieldError> errors, Observation conflict, Instant savedAt,
                   Observation sent, CitizenTracking tracking) {

    StoredEntry {
        missingPhotos = missingPhotos == null ? List.of() : List.copyOf(missingPhotos);
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    JournalEntry toEntry() {
        // SENDING is only true while a push is running in this process; after a restart it is waiting again.
        return new JournalEntry(id, owner, local, server, state, missingPhotos, errors, conflict, savedAt);
    }

    /** True while the device holds something the server does not have yet (or has not confirmed). */
    boolean unsynced() {
        return state != EntryState.SYNCED;
    }

    /** Local work not on the server: an edit pending, in flight, rejected or in conflict. */
    boolean hasLocalWork() {
        return state == EntryState.SAVED || state == EntryState.PENDING || state == EntryState.SENDING
                || state == EntryState.CONFLICT || state == EntryState.REJECTED || sent != null;
    }

    Builder toBuilder() {
        return new Builder(this);
    }

    static final class Builder {
        private UUID id;
        private String owner;
        private Observation local;
        private Observation server;
        private EntryState state;
        private List<String> missingPhotos;
        private List<FieldError> errors;
        private Observation conflict;
        private Instant savedAt;
        private Observation sent;
        private CitizenTracking tracking;

        Builder(StoredEntry e) {
            id = e.id;
            owner = e.owner;
            local = e.local;
            server = e.server;
            state = e.state;
            missingPhotos = e.missingPhotos;
            errors = e.errors;
            conflict = e.conflict;
            savedAt = e.savedAt;
            sent = e.sent;
            tracking = e.tracking;
        }

        Builder local(Observation v) {
            local = v;
            return this;
        }

        Builder server(Observation v) {
            server = v;
            return this;
        }

        Builder state(EntryState v) {
            state = v;
            return this;
        }

        Builder missingPhotos(List<String> v) {
            missingPhotos = v;
            return this;
        }

        Builder errors(List<FieldError> v) {
            errors = v;
            return this;
        }

        Builder conflict(Observation v) {
            conflict = v;
            return this;
        }

        Builder savedAt(Instant v) {
            savedAt = v;
            return this;
        }

        Builder sent(Observation v) {
            sent = v;
            return this;
        }

        Builder tracking(CitizenTracking v) {
            tracking = v;
            return this;
        }

        StoredEntry build() {
            return new StoredEntry(id, owner, local, server, state, missingPhotos, errors, conflict, savedAt, sent,
                    tracking);
        }
    }
}
