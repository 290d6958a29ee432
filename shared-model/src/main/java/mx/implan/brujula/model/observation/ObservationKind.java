package mx.implan.brujula.model.observation;

/** What an observation records; decides its attribute set and status lifecycle. */
public enum ObservationKind {
    WORKS_PROGRESS,
    RISK,
    GREEN_AREA,
    URBAN_IMAGE
}
