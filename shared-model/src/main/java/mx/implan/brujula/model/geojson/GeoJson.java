package mx.implan.brujula.model.geojson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import mx.implan.brujula.model.FieldPath;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * RFC 7946 GeoJSON geometry codec for JTS. Positions are {@code [lon, lat]} or {@code [lon, lat, alt]};
 * geometries read here carry SRID 4326. The codec checks structure only; coordinate ranges and topology
 * are the validator's job. Ring winding is written as given (not re-oriented) so content hashes stay stable.
 */
public final class GeoJson {

    public static final int WGS84_SRID = 4326;
    /** Geometry types of RFC 7946 section 3.1. */
    public static final Set<String> TYPES = Set.of("Point", "LineString", "Polygon", "MultiPoint",
            "MultiLineString", "MultiPolygon", "GeometryCollection");

    private static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), WGS84_SRID);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private GeoJson() {
    }

    /** Factory for WGS84 geometries (floating precision, SRID 4326). */
    public static GeometryFactory factory() {
        return FACTORY;
    }

    /** Reads a GeoJSON geometry object. */
    public static Geometry read(JsonNode node) {
        return read(node, "");
    }

    private static Geometry read(JsonNode node, String at) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            throw new GeoJsonException(at, "REQUIRED", "geometry is missing");
        }
        if (!node.isObject()) {
            throw new GeoJsonException(at, "INVALID_TYPE", "geometry must be an object");
        }
        String typePath = FieldPath.join(at, "type");
        JsonNode typeNode = node.get("type");
        if (typeNode == null || typeNode.isNull()) {
            throw new GeoJsonException(typePath, "REQUIRED", "geometry type is missing");
        }
        if (!typeNode.isTextual()) {
            throw new GeoJsonException(typePath, "INVALID_TYPE", "geometry type must be a string");
        }
        String type = typeNode.asText();
        if (!TYPES.contains(type)) {
            throw new GeoJsonException(typePath, "GEOMETRY_TYPE", "unknown geometry type '" + type + "'");
        }
        if (type.equals("GeometryCollection")) {
            String gp = FieldPath.join(at, "geometries");
            JsonNode members = array(node.get("geometries"), gp);
            Geometry[] parts = new Geometry[members.size()];
            for (int i = 0; i < parts.length; i++) {
                parts[i] = read(members.get(i), FieldPath.index(gp, i));
            }
            return FACTORY.createGeometryCollection(parts);
        }
        String cp = FieldPath.join(at, "coordinates");
        JsonNode c = array(node.get("coordinates"), cp);
        return switch (type) {
            case "Point" -> c.isEmpty() ? FACTORY.createPoint() : FACTORY.createPoint(position(c, cp));
            case "LineString" -> lineString(c, cp);
            case "Polygon" -> polygon(c, cp);
            case "MultiPoint" -> {
                Point[] points = new Point[c.size()];
                for (int i = 0; i < points.length; i++) {
                    points[i] = FACTORY.createPoint(position(c.get(i), FieldPath.index(cp, i)));
                }
                yield FACTORY.createMultiPoint(points);
            }
            case "MultiLineString" -> {
                LineString[] lines = new LineString[c.size()];
                for (int i = 0; i < lines.length; i++) {
                    String p = FieldPath.index(cp, i);
                    lines[i] = lineString(array(c.get(i), p), p);
                }
                yield FACTORY.createMultiLineString(lines);
            }
            default -> { // MultiPolygon
                Polygon[] polygons = new Polygon[c.size()];
                for (int i = 0; i < polygons.length; i++) {
                    String p = FieldPath.index(cp, i);
                    polygons[i] = polygon(array(c.get(i), p), p);
                }
                yield FACTORY.createMultiPolygon(polygons);
            }
        };
    }

    private static LineString lineString(JsonNode c, String at) {
        Coordinate[] coords = positions(c, at);
        if (coords.length == 1) {
            throw new GeoJsonException(at, "TOO_FEW_POINTS", "a LineString needs at least 2 positions");
        }
        return FACTORY.createLineString(coords);
    }

    private static Polygon polygon(JsonNode c, String at) {
        if (c.isEmpty()) {
            return FACTORY.createPolygon();
        }
        LinearRing[] rings = new LinearRing[c.size()];
        for (int i = 0; i < rings.length; i++) {
            String p = FieldPath.index(at, i);
            Coordinate[] coords = positions(array(c.get(i), p), p);
            if (coords.length < 4) {
                throw new GeoJsonException(p, "TOO_FEW_POINTS", "a linear ring needs at least 4 positions");
            }
            if (!coords[0].equals2D(coords[coords.length - 1])) {
                throw new GeoJsonException(p, "RING_NOT_CLOSED", "first and last position of a ring must be equal");
            }
            rings[i] = FACTORY.createLinearRing(coords);
        }
        LinearRing[] holes = new LinearRing[rings.length - 1];
        System.arraycopy(rings, 1, holes, 0, holes.length);
        return FACTORY.createPolygon(rings[0], holes);
    }

    private static Coordinate[] positions(JsonNode c, String at) {
        Coordinate[] coords = new Coordinate[c.size()];
        for (int i = 0; i < coords.length; i++) {
            coords[i] = position(c.get(i), FieldPath.index(at, i));
        }
        return coords;
    }

    private static Coordinate position(JsonNode p, String at) {
        if (p == null || !p.isArray() || p.size() < 2 || p.size() > 3) {
            throw new GeoJsonException(at, "INVALID_TYPE", "a position is an array of 2 or 3 numbers");
        }
        double x = number(p.get(0), FieldPath.index(at, 0));
        double y = number(p.get(1), FieldPath.index(at, 1));
        return p.size() == 3 ? new Coordinate(x, y, number(p.get(2), FieldPath.index(at, 2))) : new Coordinate(x, y);
    }

    private static double number(JsonNode n, String at) {
        if (n.isNumber()) {
            double d = n.doubleValue();
            if (!Double.isFinite(d)) {
                throw new GeoJsonException(at, "NOT_FINITE", "coordinate must be finite");
            }
            return d;
        }
        if (n.isTextual() && isNonFiniteLiteral(n.asText())) {
            throw new GeoJsonException(at, "NOT_FINITE", "coordinate must be finite");
        }
        throw new GeoJsonException(at, "INVALID_TYPE", "coordinate must be a number");
    }

    private static JsonNode array(JsonNode n, String at) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            throw new GeoJsonException(at, "REQUIRED", "array is missing");
        }
        if (!n.isArray()) {
            throw new GeoJsonException(at, "INVALID_TYPE", "must be an array");
        }
        return n;
    }

    /** "NaN", "Infinity", "-Infinity", "+Infinity" (as Jackson writes non-finite doubles by default). */
    public static boolean isNonFiniteLiteral(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        return t.equals("nan") || t.equals("infinity") || t.equals("-infinity") || t.equals("+infinity")
                || t.equals("inf") || t.equals("-inf") || t.equals("+inf");
    }

    /** Writes a JTS geometry as a GeoJSON geometry object (a LinearRing is written as a LineString). */
    public static ObjectNode write(Geometry g) {
        ObjectNode node = NODES.objectNode();
        if (g instanceof Point p) {
            node.put("type", "Point");
            node.set("coordinates", p.isEmpty() ? NODES.arrayNode() : position(p.getCoordinate()));
        } else if (g instanceof LineString l) {
            node.put("type", "LineString");
            node.set("coordinates", positions(l.getCoordinates()));
        } else if (g instanceof Polygon p) {
            node.put("type", "Polygon");
            node.set("coordinates", rings(p));
        } else if (g instanceof MultiPoint mp) {
            node.put("type", "MultiPoint");
            ArrayNode a = node.putArray("coordinates");
            for (int i = 0; i < mp.getNumGeometries(); i++) {
                a.add(position(mp.getGeometryN(i).getCoordinate()));
            }
        } else if (g instanceof MultiLineString ml) {
            node.put("type", "MultiLineString");
            ArrayNode a = node.putArray("coordinates");
            for (int i = 0; i < ml.getNumGeometries(); i++) {
                a.add(positions(ml.getGeometryN(i).getCoordinates()));
            }
        } else if (g instanceof MultiPolygon mp) {
            node.put("type", "MultiPolygon");
            ArrayNode a = node.putArray("coordinates");
            for (int i = 0; i < mp.getNumGeometries(); i++) {
                a.add(rings((Polygon) mp.getGeometryN(i)));
            }
        } else if (g instanceof GeometryCollection gc) {
            // Checked last: the Multi* types are GeometryCollections too.
            node.put("type", "GeometryCollection");
            ArrayNode a = node.putArray("geometries");
            for (int i = 0; i < gc.getNumGeometries(); i++) {
                a.add(write(gc.getGeometryN(i)));
            }
        } else {
            throw new IllegalArgumentException("unsupported geometry " + (g == null ? "null" : g.getGeometryType()));
        }
        return node;
    }

    private static ArrayNode rings(Polygon p) {
        ArrayNode a = NODES.arrayNode();
        if (p.isEmpty()) {
            return a;
        }
        a.add(positions(p.getExteriorRing().getCoordinates()));
        for (int i = 0; i < p.getNumInteriorRing(); i++) {
            a.add(positions(p.getInteriorRingN(i).getCoordinates()));
        }
        return a;
    }

    private static ArrayNode positions(Coordinate[] coords) {
        ArrayNode a = NODES.arrayNode(coords.length);
        for (Coordinate c : coords) {
            a.add(position(c));
        }
        return a;
    }

    private static ArrayNode position(Coordinate c) {
        ArrayNode a = NODES.arrayNode(3);
        a.add(c.getX());
        a.add(c.getY());
        if (!Double.isNaN(c.getZ())) {
            a.add(c.getZ());
        }
        return a;
    }

    /** A GeoJSON Feature; {@code id} (string or number) and {@code properties} may be null. */
    public static ObjectNode feature(Object id, Geometry geometry, JsonNode properties) {
        ObjectNode f = NODES.objectNode();
        f.put("type", "Feature");
        if (id instanceof Integer || id instanceof Long) {
            f.put("id", ((Number) id).longValue());
        } else if (id != null) {
            f.put("id", id.toString());
        }
        f.set("geometry", geometry == null ? NODES.nullNode() : write(geometry));
        f.set("properties", properties == null ? NODES.nullNode() : properties);
        return f;
    }

    /** A GeoJSON FeatureCollection of already built features. */
    public static ObjectNode featureCollection(Collection<? extends JsonNode> features) {
        ObjectNode fc = NODES.objectNode();
        fc.put("type", "FeatureCollection");
        fc.putArray("features").addAll(new ArrayList<>(features));
        return fc;
    }
}
