package mx.implan.brujula.model.sync;

/** Outcome of one pushed item. */
public enum PushStatus {
    CREATED,
    UPDATED,
    /** The opId was applied before: the original result is returned (a replay is never a conflict). */
    UNCHANGED,
    /** The same field changed on both sides; the server copy is returned, nothing overwritten. */
    CONFLICT,
    /** Structurally invalid or not allowed; see errors. */
    REJECTED,
    /**
     * The server could not apply this item now; nothing of it was stored; send it again later. Errors carry a
     * code such as {@code ITEM_FAILED}.
     */
    FAILED
}
