package mx.implan.brujula.model.geojson;

import mx.implan.brujula.model.FieldPath;

/**
 * Malformed GeoJSON. {@link #path()} points inside the geometry object (e.g. {@code coordinates[1]});
 * {@link #code()} is one of the stable validation codes (REQUIRED, INVALID_TYPE, GEOMETRY_TYPE, NOT_FINITE,
 * TOO_FEW_POINTS, RING_NOT_CLOSED).
 */
public class GeoJsonException extends IllegalArgumentException {

    private final String path;
    private final String code;
    private final String detail;

    public GeoJsonException(String path, String code, String detail) {
        super(detail + " at '" + path + "' (" + code + ")");
        this.path = path;
        this.code = code;
        this.detail = detail;
    }

    public String path() {
        return path;
    }

    public String code() {
        return code;
    }

    /** The English description without path and code. */
    public String detail() {
        return detail;
    }

    /** Same error seen from an enclosing object, e.g. prefix {@code geometry}. */
    public GeoJsonException under(String prefix) {
        GeoJsonException e = new GeoJsonException(FieldPath.join(prefix, path), code, detail);
        e.initCause(this);
        return e;
    }
}
