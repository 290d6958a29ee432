package mx.implan.brujula.model.observation;

/** Kind of green area (GREEN_AREA observations). */
public enum AreaType {
    PARQUE,
    JARDIN,
    CAMELLON,
    GLORIETA,
    AREA_NATURAL
}
