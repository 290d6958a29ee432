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
    /** An instant outside the years {@link mx.implan.brujula.model.Limits#MIN_YEAR}–{@code MAX_YEAR}. */
    public static final String DATE_RANGE = "DATE_RANGE";
    /** A position with a third (altitude) value: the server stores two dimensions only. */
    public static final String Z_NOT_SUPPORTED = "Z_NOT_SUPPORTED";
    /** A GeoJSON {@code crs} member naming anything but WGS84 lon/lat (CRS84). */
    public static final String CRS_NOT_SUPPORTED = "CRS_NOT_SUPPORTED";
    /** A line or polygon spanning 180° of longitude or more: planar and geodesic readings would disagree. */
    public static final String LON_SPAN = "LON_SPAN";
    /** An edge between two antipodal points (e.g. pole to pole): no single great circle joins them. */
    public static final String ANTIPODAL_EDGE = "ANTIPODAL_EDGE";
    /** More digits than a double keeps: the stored value would differ from the one sent. */
    public static final String TOO_PRECISE = "TOO_PRECISE";
    /** An integer past what its field holds (e.g. a count past 2,147,483,647). */
    public static final String INTEGER_TOO_LARGE = "INTEGER_TOO_LARGE";
    /** A number that takes more than {@link mx.implan.brujula.model.Limits#MAX_NUMBER_LENGTH} characters written out. */
    public static final String NUMBER_TOO_LONG = "NUMBER_TOO_LONG";
    /** An item over {@link mx.implan.brujula.model.Limits#MAX_ITEM_BYTES} as compact JSON. */
    public static final String ITEM_TOO_LARGE = "ITEM_TOO_LARGE";
    /** An object with more than {@link mx.implan.brujula.model.Limits#MAX_KEYS} members (attributes included). */
    public static final String TOO_MANY_KEYS = "TOO_MANY_KEYS";
    /** Objects and arrays nested deeper than {@link mx.implan.brujula.model.Limits#MAX_DEPTH}. */
    public static final String TOO_DEEP = "TOO_DEEP";

    private ValidationCodes() {
    }
}
