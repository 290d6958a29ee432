package mx.implan.brujula.model.observation;

/**
 * Server-owned status; which values apply depends on the kind (see {@link StatusLifecycle}).
 * Devices never send it as part of an edit.
 */
public enum ObservationStatus {
    REPORTED,
    VERIFIED,
    MITIGATED,
    DISMISSED,
    IN_PROGRESS,
    RESOLVED,
    ACTIVE,
    ARCHIVED
}
