package mx.implan.brujula.model.observation;

/** Atlas de Riesgo hazard catalogue (RISK observations). */
public enum Hazard {
    INUNDACION,
    DESLIZAMIENTO,
    HUNDIMIENTO,
    GRIETA,
    ARBOL_EN_RIESGO,
    CABLEADO,
    INCENDIO,
    FUGA,
    OTRO
}
