package mx.implan.brujula.works;

/** What writing one work did (or, in a dry run, would do). */
public enum Outcome {
    CREATED,
    UPDATED,
    /** Every field already equal: nothing written, no rev bump, no change-log row. */
    UNCHANGED,
    REJECTED
}
