package mx.implan.brujula.observations;

/**
 * Why an observation got a new revision (the {@code change} of its history) and the outbox event
 * that announces it.
 */
public enum RevisionChange {
    /** Written for the first time (a push, a web form, a citizen report, an import). */
    CREATE("observation.created"),
    /** Its author (or a supervisor) changed the content, on the current revision; also staff placing a citizen report. */
    EDIT("observation.updated"),
    /** A stale edit merged without conflict into the current revision. */
    MERGE("observation.updated"),
    /** Staff triage. */
    STATUS("observation.status-changed"),
    /** A conflict resolved with the device's values (TAKE_MINE). */
    RESOLUTION("observation.updated"),
    /** The last missing photo arrived: the INCOMPLETE flag is gone. */
    PHOTOS("observation.updated"),
    /** A server decision set a review flag (e.g. a citizen report needs a location, or has a duplicate nearby). */
    FLAGS("observation.updated");

    private final String eventType;

    RevisionChange(String eventType) {
        this.eventType = eventType;
    }

    /** The outbox event type of a revision of this kind. */
    public String eventType() {
        return eventType;
    }
}
