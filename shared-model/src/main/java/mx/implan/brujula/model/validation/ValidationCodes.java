package mx.implan.brujula.model.validation;

/** Stable machine codes of structural violations; clients may switch on them, so never rename one. */
public final class ValidationCodes {

    public static final String REQUIRED = "REQUIRED";
    public static final String INVALID_TYPE = "INVALID_TYPE";
    public static final String INVALID_UUID = "INVALID_UUID";
    public static final String INVALID_DATETIME = "INVALID_DATETIME";
    public static final String INVALID_ENUM = "INVALID_ENUM";
    public static final String NOT_FINITE = "NOT_FINITE";
    public static final String LAT_RANGE = "LAT_RANGE";
    public static final String LON_RANGE = "LON_RANGE";
    public static final String GEOMETRY_TYPE = "GEOMETRY_TYPE";
    public static final String TOO_FEW_POINTS = "TOO_FEW_POINTS";
    public static final String RING_NOT_CLOSED = "RING_NOT_CLOSED";
    public static final String SELF_INTERSECTION = "SELF_INTERSECTION";
    /** Other polygon topology errors (hole outside shell, nested holes, disconnected interior…). */
    public static final String INVALID_GEOMETRY = "INVALID_GEOMETRY";
    public static final String TOO_MANY_VERTICES = "TOO_MANY_VERTICES";
    public static final String PERCENT_RANGE = "PERCENT_RANGE";
    public static final String SEVERITY_RANGE = "SEVERITY_RANGE";
    public static final String NEGATIVE = "NEGATIVE";
    public static final String TOO_LONG = "TOO_LONG";
    /** A string holds U+0000, which no field may contain. */
    public static final String INVALID_CHARACTER = "INVALID_CHARACTER";
    public static final String TOO_MANY_PHOTOS = "TOO_MANY_PHOTOS";
    public static final String SHA256_FORMAT = "SHA256_FORMAT";
    public static final String MEDIA_TYPE = "MEDIA_TYPE";
    public static final String ACCURACY_RANGE = "ACCURACY_RANGE";

    private ValidationCodes() {
    }
}
