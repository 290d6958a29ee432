package mx.implan.brujula.works;

import mx.implan.brujula.http.FieldIssue;

import com.fasterxml.jackson.databind.JsonNode;
import mx.implan.brujula.model.FieldPath;
import mx.implan.brujula.model.Limits;
import mx.implan.brujula.model.geojson.GeoJson;
import mx.implan.brujula.model.geojson.GeoJsonException;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateXY;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * A work's location: exactly one of a GeoJSON geometry, a WKT text or a lon/lat pair; a Point,
 * LineString or Polygon in range, valid, two-dimensional; stored as a 2D copy.
 */
final class WorkGeometry {

    static final Set<String> GEOMETRY_TYPES = Set.of("Point", "LineString", "Polygon");

    private WorkGeometry() {
    }

    /** One of: a GeoJSON geometry, a WKT text, or a lon/lat pair — exactly one. */
    static Geometry of(WorkDraft d, List<FieldIssue> issues) {
        boolean hasGeoJson = !WorkValidator.absent(d.geometry());
        boolean hasWkt = !WorkValidator.absent(d.value(WorkDraft.WKT));
        boolean hasLon = !WorkValidator.absent(d.value(WorkDraft.LON));
        boolean hasLat = !WorkValidator.absent(d.value(WorkDraft.LAT));
        int given = (hasGeoJson ? 1 : 0) + (hasWkt ? 1 : 0) + (hasLon || hasLat ? 1 : 0);
        if (given == 0) {
            String field = d.field(WorkDraft.GEOMETRY);
            issues.add(new FieldIssue(field, "GEOMETRY_REQUIRED", "A location is required: lon and lat, wkt, or a geometry"));
            return null;
        }
        if (given > 1) {
            String field = hasWkt ? d.field(WorkDraft.WKT) : d.field(WorkDraft.LON);
            issues.add(new FieldIssue(field, "GEOMETRY_AMBIGUOUS", "Give only one location: lon and lat, wkt, or a geometry"));
            return null;
        }
        if (hasGeoJson) {
            return fromGeoJson(d, issues);
        }
        if (hasWkt) {
            return fromWkt(d, issues);
        }
        return fromLonLat(d, hasLon, hasLat, issues);
    }

    private static Geometry fromLonLat(WorkDraft d, boolean hasLon, boolean hasLat, List<FieldIssue> issues) {
        if (!hasLon || !hasLat) {
            issues.add(new FieldIssue(d.field(hasLon ? WorkDraft.LAT : WorkDraft.LON), "REQUIRED", "Required"));
            return null;
        }
        Double lon = number(d, WorkDraft.LON, issues);
        Double lat = number(d, WorkDraft.LAT, issues);
        boolean ok = lon != null && lat != null;
        if (lon != null && (lon < -180 || lon > 180)) {
            issues.add(new FieldIssue(d.field(WorkDraft.LON), "LON_RANGE", "Longitude must be between -180 and 180"));
            ok = false;
        }
        if (lat != null && (lat < -90 || lat > 90)) {
            issues.add(new FieldIssue(d.field(WorkDraft.LAT), "LAT_RANGE", "Latitude must be between -90 and 90"));
            ok = false;
        }
        return ok ? GeoJson.factory().createPoint(new CoordinateXY(lon, lat)) : null;
    }

    private static Double number(WorkDraft d, String key, List<FieldIssue> issues) {
        JsonNode n = d.value(key);
        if (n.isNumber()) {
            return n.doubleValue();
        }
        // Plain decimals only: Double.parseDouble would also take "NaN", "12d" or hex floats.
        String s = n.isTextual() ? n.asText().strip() : "";
        if (WorkValidator.DECIMAL.matcher(s).matches()) {
            return Double.parseDouble(s);
        }
        issues.add(new FieldIssue(d.field(key), "NOT_A_NUMBER", "Not a number (use a dot for decimals)"));
        return null;
    }

    private static Geometry fromWkt(WorkDraft d, List<FieldIssue> issues) {
        String field = d.field(WorkDraft.WKT);
        Geometry g;
        try {
            g = new WKTReader(GeoJson.factory()).read(d.value(WorkDraft.WKT).asText().strip());
        } catch (ParseException | IllegalArgumentException e) {
            // The parser's own text is English and names its internals: the field and code say enough.
            issues.add(new FieldIssue(field, "WKT_INVALID", "Not valid WKT (e.g. POINT (-110.96 29.07))"));
            return null;
        }
        return check(g, field, null, issues);
    }

    private static Geometry fromGeoJson(WorkDraft d, List<FieldIssue> issues) {
        String field = d.field(WorkDraft.GEOMETRY);
        Geometry g;
        try {
            g = GeoJson.read(d.geometry());
        } catch (GeoJsonException e) {
            issues.add(new FieldIssue(FieldPath.join(field, e.path()), e.code(), e.getMessage()));
            return null;
        }
        return check(g, field, FieldPath.join(field, "coordinates"), issues);
    }

    /**
     * Type, no altitude, ranges, vertex count and validity, then a 2D copy.
     *
     * @param coordinatesPath where to point at a bad position ({@code geometry.coordinates}); null
     *                        for WKT, whose positions have no path
     */
    private static Geometry check(Geometry g, String field, String coordinatesPath, List<FieldIssue> issues) {
        if (!GEOMETRY_TYPES.contains(g.getGeometryType())) {
            issues.add(new FieldIssue(coordinatesPath == null ? field : FieldPath.join(field, "type"), "GEOMETRY_TYPE",
                    "Must be a Point, LineString or Polygon", g.getGeometryType()));
            return null;
        }
        if (g.isEmpty()) {
            issues.add(new FieldIssue(field, "GEOMETRY_EMPTY", "The geometry is empty"));
            return null;
        }
        if (g.getNumPoints() > Limits.MAX_VERTICES) {
            issues.add(new FieldIssue(field, "TOO_MANY_VERTICES", "More than " + Limits.MAX_VERTICES + " vertices",
                    String.valueOf(Limits.MAX_VERTICES)));
            return null;
        }
        if (Arrays.stream(g.getCoordinates()).anyMatch(c -> !Double.isNaN(c.getZ()))) {
            // The column is two-dimensional: an altitude would be dropped without a word.
            issues.add(new FieldIssue(coordinatesPath == null ? field : coordinatesPath, "Z_NOT_SUPPORTED",
                    "Altitude (Z) is not stored: give longitude and latitude only"));
            return null;
        }
        if (!checkRanges(g, field, coordinatesPath, issues)) {
            return null;
        }
        if (g instanceof LineString line && Arrays.stream(line.getCoordinates()).distinct().count() < 2) {
            issues.add(new FieldIssue(field, "TOO_FEW_POINTS", "A line needs two different points"));
            return null;
        }
        if (g instanceof Polygon) {
            TopologyValidationError error = new IsValidOp(g).getValidationError();
            if (error != null) {
                // Same codes as shared-model's observation geometry checks, so clients see one vocabulary.
                boolean crossing = error.getErrorType() == TopologyValidationError.SELF_INTERSECTION
                        || error.getErrorType() == TopologyValidationError.RING_SELF_INTERSECTION;
                String near = near(error);
                issues.add(new FieldIssue(field, crossing ? "SELF_INTERSECTION" : "INVALID_GEOMETRY",
                        "Invalid geometry near " + near, near));
                return null;
            }
        }
        return to2d(g);
    }

    /** Where a topology error is, as {@code lon lat} to 6 decimals (the library's own description is not shown). */
    private static String near(TopologyValidationError error) {
        Coordinate c = error.getCoordinate();
        return c == null ? "?" : degrees(c.getX()) + " " + degrees(c.getY());
    }

    private static String degrees(double value) {
        return BigDecimal.valueOf(value).setScale(6, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    private static boolean checkRanges(Geometry g, String field, String coordinatesPath, List<FieldIssue> issues) {
        List<Coordinate[]> parts = new ArrayList<>();
        if (g instanceof Polygon p) {
            parts.add(p.getExteriorRing().getCoordinates());
            for (int i = 0; i < p.getNumInteriorRing(); i++) {
                parts.add(p.getInteriorRingN(i).getCoordinates());
            }
        } else {
            parts.add(g.getCoordinates());
        }
        for (int r = 0; r < parts.size(); r++) {
            Coordinate[] coords = parts.get(r);
            for (int i = 0; i < coords.length; i++) {
                boolean lonBad = coords[i].getX() < -180 || coords[i].getX() > 180;
                boolean latBad = coords[i].getY() < -90 || coords[i].getY() > 90;
                if (!lonBad && !latBad) {
                    continue;
                }
                String at = field;
                if (coordinatesPath != null) {
                    at = coordinatesPath;
                    if (g instanceof Polygon) {
                        at = FieldPath.index(at, r);
                    }
                    if (!(g instanceof Point)) {
                        at = FieldPath.index(at, i);
                    }
                    at = FieldPath.index(at, latBad ? 1 : 0);
                }
                issues.add(latBad
                        ? new FieldIssue(at, "LAT_RANGE", "Latitude must be between -90 and 90")
                        : new FieldIssue(at, "LON_RANGE", "Longitude must be between -180 and 180"));
                return false;
            }
        }
        return true;
    }

    /** Copy with XY coordinates only, SRID 4326: the stored value and what "unchanged" compares. */
    static Geometry to2d(Geometry g) {
        GeometryFactory f = GeoJson.factory();
        if (g instanceof Point p) {
            return f.createPoint(xy(p.getCoordinate()));
        }
        if (g instanceof LineString l) {
            return f.createLineString(xy(l.getCoordinates()));
        }
        Polygon p = (Polygon) g;
        LinearRing shell = f.createLinearRing(xy(p.getExteriorRing().getCoordinates()));
        LinearRing[] holes = new LinearRing[p.getNumInteriorRing()];
        for (int i = 0; i < holes.length; i++) {
            holes[i] = f.createLinearRing(xy(p.getInteriorRingN(i).getCoordinates()));
        }
        return f.createPolygon(shell, holes);
    }

    private static CoordinateXY xy(Coordinate c) {
        return new CoordinateXY(c.getX(), c.getY());
    }

    private static CoordinateXY[] xy(Coordinate[] cs) {
        CoordinateXY[] out = new CoordinateXY[cs.length];
        for (int i = 0; i < cs.length; i++) {
            out[i] = xy(cs[i]);
        }
        return out;
    }
}
