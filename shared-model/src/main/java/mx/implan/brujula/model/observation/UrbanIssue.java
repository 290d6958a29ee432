package mx.implan.brujula.model.observation;

/** Urban-image problem catalogue (URBAN_IMAGE observations). */
public enum UrbanIssue {
    GRAFITI,
    ALUMBRADO,
    BANQUETA,
    BACHE,
    BASURA,
    FACHADA,
    SENALETICA,
    MOBILIARIO
}
