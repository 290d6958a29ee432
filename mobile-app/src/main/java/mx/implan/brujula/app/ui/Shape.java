package mx.implan.brujula.app.ui;

import mx.implan.brujula.model.Limits;
import mx.implan.brujula.model.geojson.GeoJson;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.simplify.DouglasPeuckerSimplifier;

import java.util.ArrayList;
import java.util.List;

/**
 * The location being captured: a point, or the vertices of a line or an area, walked with the GPS or tapped on
 * the map, as (latitude, longitude) pairs. Long walked tracks are simplified to the server's vertex limit.
 */
public final class Shape {

    private final GeometryKind kind;
    private final List<double[]> vertices = new ArrayList<>();

    public Shape(GeometryKind kind) {
        this.kind = kind;
    }

    public static Shape of(Geometry g) {
        Shape shape = new Shape(GeometryKind.of(g));
        Coordinate[] coordinates = g instanceof Polygon p ? p.getExteriorRing().getCoordinates() : g.getCoordinates();
        int n = g instanceof Polygon ? coordinates.length - 1 : coordinates.length; // a ring repeats its first vertex
        for (int i = 0; i < n; i++) {
            shape.vertices.add(new double[]{coordinates[i].y, coordinates[i].x});
        }
        return shape;
    }

    public GeometryKind kind() {
        return kind;
    }

    public List<double[]> vertices() {
        return vertices;
    }

    /** Adds a vertex; a point keeps only the latest one. */
    public void add(double latitude, double longitude) {
        if (kind == GeometryKind.POINT) {
            vertices.clear();
        }
        vertices.add(new double[]{latitude, longitude});
    }

    public void clear() {
        vertices.clear();
    }

    public boolean isComplete() {
        return vertices.size() >= kind.minVertices();
    }

    /** The geometry (WGS84, lon/lat order as GeoJSON wants); call only when {@link #isComplete()}. */
    public Geometry toGeometry() {
        GeometryFactory f = GeoJson.factory();
        List<Coordinate> coordinates = new ArrayList<>();
        for (double[] v : vertices) {
            coordinates.add(new Coordinate(v[1], v[0]));
        }
        return switch (kind) {
            case POINT -> f.createPoint(coordinates.get(0));
            case LINE -> simplify(f.createLineString(coordinates.toArray(Coordinate[]::new)));
            case POLYGON -> {
                coordinates.add(coordinates.get(0));
                yield simplify(f.createPolygon(coordinates.toArray(Coordinate[]::new)));
            }
        };
    }

    private static Geometry simplify(Geometry g) {
        Geometry result = g;
        // About 1 cm at this latitude, doubled until the track fits the server's limit.
        double tolerance = 1e-7;
        while (result.getNumPoints() > Limits.MAX_VERTICES) {
            result = DouglasPeuckerSimplifier.simplify(g, tolerance);
            tolerance *= 2;
        }
        return result instanceof LineString || result instanceof Polygon ? result : g;
    }
}
