package mx.implan.brujula.model.sync;

/** Whether a pulled change inserts/replaces the local copy or removes it (e.g. a zone lost from the assignment). */
public enum ChangeOp {
    UPSERT,
    REMOVE
}
