package mx.implan.brujula.model.merge;

import java.util.List;
import mx.implan.brujula.model.observation.Observation;

/**
 * Outcome of a three-way merge. {@code merged} holds every non-conflicting change from both sides (conflicting
 * fields keep the server's value); with conflicts the server stores nothing and returns its own copy.
 */
public record MergeResult(Observation merged, List<String> conflictingFields) {

    public MergeResult {
        conflictingFields = conflictingFields == null ? List.of() : List.copyOf(conflictingFields);
    }

    public boolean hasConflict() {
        return !conflictingFields.isEmpty();
    }
}
