package mx.implan.brujula.app.ui;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;

/** The shapes an inspector can capture: a point, a line walked or drawn, an area. */
public enum GeometryKind {
    POINT,
    LINE,
    POLYGON;

    public static GeometryKind of(Geometry g) {
        if (g instanceof Polygon) {
            return POLYGON;
        }
        return g instanceof LineString ? LINE : POINT;
    }

    public static GeometryKind fromGeoJsonType(String type) {
        return switch (type) {
            case "LineString" -> LINE;
            case "Polygon" -> POLYGON;
            default -> POINT;
        };
    }

    /** Vertices needed before the shape can be saved. */
    public int minVertices() {
        return switch (this) {
            case POINT -> 1;
            case LINE -> 2;
            case POLYGON -> 3;
        };
    }
}
