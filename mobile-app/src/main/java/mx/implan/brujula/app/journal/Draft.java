package mx.implan.brujula.app.journal;

import mx.implan.brujula.model.observation.Observation;

import java.nio.file.Path;
import java.util.List;

/**
 * What the capture and edit screens hand to the journal.
 *
 * @param owner         the signed-in user (or {@link Journal#ANONYMOUS} for an anonymous citizen report)
 * @param observation   the user's content: id, kind, geometry, accuracy, capturedAt, notes, attributes and the
 *                      photos already attached (by hash). The journal fills opId, deviceId and baseRev.
 * @param newPhotoFiles picture files just taken or picked; copied into the store and hashed on save
 */
public record Draft(String owner, Observation observation, List<Path> newPhotoFiles) {

    public Draft {
        newPhotoFiles = newPhotoFiles == null ? List.of() : List.copyOf(newPhotoFiles);
    }
}
