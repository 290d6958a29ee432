package mx.implan.brujula.model.observation;

/** Upkeep condition of a green area. */
public enum AreaCondition {
    BUENO,
    REGULAR,
    MALO
}
