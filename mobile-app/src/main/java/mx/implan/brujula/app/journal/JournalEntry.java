package mx.implan.brujula.app.journal;

import mx.implan.brujula.model.observation.Observation;
import mx.implan.brujula.model.sync.FieldError;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One observation as the device keeps it.
 *
 * @param id            observation id (client UUID, stable across edits)
 * @param owner         username of the person who captured it; only that user's token pushes it
 * @param local         the latest version on the device (what the user sees and edits)
 * @param server        the last version the server confirmed (rev, status, flags); null until first sync
 * @param state         where it stands
 * @param missingPhotos hashes the server still lacks (PHOTOS_PENDING)
 * @param errors        the server's reasons when REJECTED; empty otherwise
 * @param conflict      the server's copy when in CONFLICT; null otherwise
 * @param savedAt       when the latest local version was saved
 */
public record JournalEntry(UUID id, String owner, Observation local, Observation server, EntryState state,
                           List<String> missingPhotos, List<FieldError> errors, Observation conflict,
                           Instant savedAt) {

    public JournalEntry {
        missingPhotos = missingPhotos == null ? List.of() : List.copyOf(missingPhotos);
        errors = errors == null ? List.of() : List.copyOf(errors);
    }
}
