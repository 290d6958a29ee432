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
     * The server could not apply this item now; nothing of it was stored; send it again later (same opId). The
     * errors carry a stable code ({@code ITEM_FAILED}, {@code RATE_LIMITED}) and, for a server fault, an incident id.
     */
    FAILED
}
