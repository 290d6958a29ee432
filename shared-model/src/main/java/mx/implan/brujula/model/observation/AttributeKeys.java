package mx.implan.brujula.model.observation;

/** Attribute names inside {@code Observation.attributes}, per kind. */
public final class AttributeKeys {

    // WORKS_PROGRESS
    public static final String PUBLIC_WORK_ID = "publicWorkId";
    public static final String PROGRESS_PERCENT = "progressPercent";
    public static final String STAGE = "stage";
    public static final String WORKERS_ON_SITE = "workersOnSite";
    public static final String ISSUES = "issues";
    // RISK (and URBAN_IMAGE for severity)
    public static final String HAZARD = "hazard";
    public static final String SEVERITY = "severity";
    public static final String PEOPLE_EXPOSED = "peopleExposed";
    // GREEN_AREA
    public static final String AREA_TYPE = "areaType";
    public static final String CONDITION = "condition";
    public static final String TREES = "trees";
    public static final String IRRIGATION = "irrigation";
    // URBAN_IMAGE
    public static final String ISSUE = "issue";

    private AttributeKeys() {
    }
}
