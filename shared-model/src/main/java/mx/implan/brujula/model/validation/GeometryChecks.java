package mx.implan.brujula.model.validation;

import static mx.implan.brujula.model.validation.ValidationCodes.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import mx.implan.brujula.model.FieldPath;
import mx.implan.brujula.model.Limits;
import mx.implan.brujula.model.geojson.GeoJson;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateXY;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/**
 * Observation geometry rules on the raw GeoJSON tree: Point, LineString or Polygon in WGS84 lon/lat; lines
 * with ≥ 2 distinct positions; polygon rings closed with ≥ 3 distinct vertices and no self-intersection;
 * at most {@link Limits#MAX_VERTICES} positions in total. Lines may cross themselves (GPS tracks do).
 */
final class GeometryChecks {

    static final List<String> ACCEPTED_TYPES = List.of("Point", "LineString", "Polygon");

    /** Names of WGS84 in lon/lat order a legacy (2008) GeoJSON {@code crs} member may carry. */
    static final Set<String> WGS84_NAMES = Set.of("urn:ogc:def:crs:OGC:1.3:CRS84", "urn:ogc:def:crs:OGC::CRS84",
            "http://www.opengis.net/def/crs/OGC/1.3/CRS84", "https://www.opengis.net/def/crs/OGC/1.3/CRS84",
            "CRS84", "EPSG:4326", "urn:ogc:def:crs:EPSG::4326", "http://www.opengis.net/def/crs/EPSG/0/4326");
    /** Unit vectors closer than this to opposite are antipodal for PostGIS geography as well. */
    private static final double ANTIPODAL_DOT = -1 + 1e-12;

    private final Checks checks;
    private double minLon = Double.POSITIVE_INFINITY;
    private double maxLon = Double.NEGATIVE_INFINITY;

    GeometryChecks(Checks checks) {
        this.checks = checks;
    }

    void check(JsonNode parent, String name) {
        String path = name;
        JsonNode g = checks.member(parent, name, path, true);
        if (g == null || !checks.isObject(g, path)) {
            return;
        }
        crs(g, FieldPath.join(path, "crs"));
        String type = typeOf(g, FieldPath.join(path, "type"));
        if (type == null) {
            return;
        }
        String cp = FieldPath.join(path, "coordinates");
        JsonNode coordinates = checks.member(g, "coordinates", cp, true);
        if (coordinates == null || !checks.isArray(coordinates, cp)) {
            return;
        }
        int vertices = switch (type) {
            case "Point" -> point(coordinates, cp);
            case "LineString" -> line(coordinates, cp);
            default -> polygon(coordinates, cp);
        };
        if (vertices > Limits.MAX_VERTICES) {
            checks.add(cp, TOO_MANY_VERTICES, Limits.MAX_VERTICES, vertices);
        }
        // The server reads geometries both on the plane (indexes, areas of interest) and on the sphere
        // (geodesic areas and distances): from 180° of longitude on, the two disagree on which way an edge runs.
        if (maxLon - minLon >= 180) {
            checks.add(cp, LON_SPAN, Checks.show(BigDecimal.valueOf(maxLon - minLon)));
        }
    }

    /** A legacy {@code crs} member is accepted only when it names WGS84 lon/lat, which is what positions are anyway. */
    private void crs(JsonNode g, String path) {
        JsonNode crs = g.get("crs");
        if (Checks.absent(crs)) {
            return;
        }
        JsonNode name = crs.path("properties").path("name");
        if (!crs.path("type").asText("").equals("name") || !name.isTextual() || !WGS84_NAMES.contains(name.textValue())) {
            checks.add(path, CRS_NOT_SUPPORTED, Checks.show(name.isTextual() ? name : crs));
        }
    }

    /** Consecutive positions that are antipodal: the geodesic edge between them is undefined. */
    private void edges(List<Coordinate> positions, String path) {
        for (int i = 1; i < positions.size(); i++) {
            if (antipodal(positions.get(i - 1), positions.get(i))) {
                checks.add(FieldPath.index(path, i), ANTIPODAL_EDGE, i - 1, i);
            }
        }
    }

    private static boolean antipodal(Coordinate a, Coordinate b) {
        double la = Math.toRadians(a.y);
        double lb = Math.toRadians(b.y);
        double dl = Math.toRadians(b.x - a.x);
        double dot = Math.sin(la) * Math.sin(lb) + Math.cos(la) * Math.cos(lb) * Math.cos(dl);
        return dot <= ANTIPODAL_DOT;
    }

    private String typeOf(JsonNode g, String path) {
        JsonNode t = checks.member(g, "type", path, true);
        if (t == null) {
            return null;
        }
        if (!t.isTextual()) {
            checks.addVariant(path, INVALID_TYPE, "string", Checks.show(t));
            return null;
        }
        if (!ACCEPTED_TYPES.contains(t.textValue())) {
            checks.add(path, GEOMETRY_TYPE, Checks.show(t), String.join(", ", ACCEPTED_TYPES));
            return null;
        }
        return t.textValue();
    }

    private int point(JsonNode coordinates, String path) {
        position(coordinates, path);
        return 1;
    }

    private int line(JsonNode coordinates, String path) {
        List<Coordinate> positions = positions(coordinates, path);
        if (positions != null) {
            edges(positions, path);
            int distinct = distinct(positions);
            if (distinct < 2) {
                checks.add(path, TOO_FEW_POINTS, 2, distinct);
            }
        }
        return coordinates.size();
    }

    private int polygon(JsonNode rings, String path) {
        if (rings.isEmpty()) {
            checks.add(path, TOO_FEW_POINTS, 3, 0);
            return 0;
        }
        int vertices = 0;
        List<Coordinate[]> usable = new ArrayList<>();
        for (int i = 0; i < rings.size(); i++) {
            String rp = FieldPath.index(path, i);
            JsonNode ring = rings.get(i);
            if (!checks.isArray(ring, rp)) {
                continue;
            }
            vertices += ring.size();
            List<Coordinate> positions = positions(ring, rp);
            if (positions == null) {
                continue;
            }
            edges(positions, rp);
            boolean closed = !positions.isEmpty() && positions.get(0).equals2D(positions.get(positions.size() - 1));
            if (!closed) {
                checks.add(rp, RING_NOT_CLOSED);
            }
            int distinct = distinct(positions);
            if (distinct < 3) {
                checks.add(rp, TOO_FEW_POINTS, 3, distinct);
            } else if (closed) {
                usable.add(positions.toArray(Coordinate[]::new));
            }
        }
        // Topology only makes sense once every ring is individually sound.
        if (usable.size() == rings.size()) {
            topology(usable, path);
        }
        return vertices;
    }

    private void topology(List<Coordinate[]> rings, String path) {
        GeometryFactory f = GeoJson.factory();
        LinearRing[] holes = new LinearRing[rings.size() - 1];
        for (int i = 1; i < rings.size(); i++) {
            holes[i - 1] = f.createLinearRing(rings.get(i));
        }
        Polygon polygon = f.createPolygon(f.createLinearRing(rings.get(0)), holes);
        TopologyValidationError error = new IsValidOp(polygon).getValidationError();
        if (error == null) {
            return;
        }
        Coordinate at = error.getCoordinate();
        String where = at == null ? "?" : Checks.show(BigDecimal.valueOf(at.x)) + ", " + Checks.show(BigDecimal.valueOf(at.y));
        switch (error.getErrorType()) {
            case TopologyValidationError.SELF_INTERSECTION, TopologyValidationError.RING_SELF_INTERSECTION ->
                    checks.add(path, SELF_INTERSECTION, where);
            case TopologyValidationError.HOLE_OUTSIDE_SHELL -> checks.addVariant(path, INVALID_GEOMETRY, "holeOutsideShell", where);
            case TopologyValidationError.NESTED_HOLES -> checks.addVariant(path, INVALID_GEOMETRY, "nestedHoles", where);
            case TopologyValidationError.DISCONNECTED_INTERIOR ->
                    checks.addVariant(path, INVALID_GEOMETRY, "disconnectedInterior", where);
            default -> checks.add(path, INVALID_GEOMETRY, where);
        }
    }

    /** All positions of an array, or null when any is unusable (its problems are recorded). */
    private List<Coordinate> positions(JsonNode array, String path) {
        List<Coordinate> out = new ArrayList<>(array.size());
        boolean ok = true;
        for (int i = 0; i < array.size(); i++) {
            Coordinate c = position(array.get(i), FieldPath.index(path, i));
            ok &= c != null;
            if (ok) {
                out.add(c);
            }
        }
        return ok ? out : null;
    }

    private Coordinate position(JsonNode p, String path) {
        if (!p.isArray() || p.size() < 2 || p.size() > 3) {
            checks.addVariant(path, INVALID_TYPE, "position", Checks.show(p));
            return null;
        }
        String xp = FieldPath.index(path, 0);
        String yp = FieldPath.index(path, 1);
        BigDecimal lon = checks.number(p.get(0), xp);
        BigDecimal lat = checks.number(p.get(1), yp);
        if (p.size() == 3) {
            // Stored in two dimensions: an altitude would be dropped without a word.
            checks.add(FieldPath.index(path, 2), Z_NOT_SUPPORTED);
        }
        boolean lonOk = checks.range(lon, -180, 180, xp, LON_RANGE) && checks.exactAsDouble(lon, xp);
        boolean latOk = checks.range(lat, -90, 90, yp, LAT_RANGE) && checks.exactAsDouble(lat, yp);
        if (!lonOk || !latOk) {
            return null;
        }
        CoordinateXY c = new CoordinateXY(lon.doubleValue(), lat.doubleValue());
        minLon = Math.min(minLon, c.x);
        maxLon = Math.max(maxLon, c.x);
        return c;
    }

    private static int distinct(List<Coordinate> positions) {
        Set<Coordinate> seen = new HashSet<>(positions); // Coordinate equality is 2D
        return seen.size();
    }
}
