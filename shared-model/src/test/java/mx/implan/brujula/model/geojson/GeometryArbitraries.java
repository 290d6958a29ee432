package mx.implan.brujula.model.geojson;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/** Random WGS84 geometries; polygons are star-shaped around a centre, so they are valid by construction. */
public final class GeometryArbitraries {

    private static final GeometryFactory F = GeoJson.factory();

    private GeometryArbitraries() {
    }

    public static Arbitrary<Double> lon() {
        return Arbitraries.doubles().between(-180, 180).ofScale(12);
    }

    public static Arbitrary<Double> lat() {
        return Arbitraries.doubles().between(-90, 90).ofScale(12);
    }

    public static Arbitrary<Coordinate> coordinate() {
        Arbitrary<Coordinate> xy = Combinators.combine(lon(), lat()).as(Coordinate::new);
        Arbitrary<Coordinate> xyz = Combinators.combine(lon(), lat(), Arbitraries.doubles().between(-500, 9000).ofScale(3))
                .as(Coordinate::new);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, xy), net.jqwik.api.Tuple.of(1, xyz));
    }

    public static Arbitrary<Point> point() {
        return coordinate().map(F::createPoint);
    }

    public static Arbitrary<LineString> lineString() {
        return coordinate().list().ofMinSize(2).ofMaxSize(30)
                .filter(cs -> cs.stream().map(c -> c.x + "," + c.y).distinct().count() >= 2)
                .map(cs -> F.createLineString(cs.toArray(Coordinate[]::new)));
    }

    /** Valid polygons with 0–2 holes. */
    public static Arbitrary<Polygon> polygon() {
        Arbitrary<Double> cx = Arbitraries.doubles().between(-170, 170).ofScale(9);
        Arbitrary<Double> cy = Arbitraries.doubles().between(-80, 80).ofScale(9);
        Arbitrary<Double> radius = Arbitraries.doubles().between(0.001, 5).ofScale(9);
        return Combinators.combine(cx, cy, radius, Arbitraries.integers().between(5, 40),
                        Arbitraries.integers().between(0, 2), Arbitraries.longs())
                .as(GeometryArbitraries::starPolygon);
    }

    static Polygon starPolygon(double cx, double cy, double r, int n, int holes, long seed) {
        java.util.Random random = new java.util.Random(seed);
        LinearRing shell = star(cx, cy, 0.8 * r, r, n, random);
        LinearRing[] inner = new LinearRing[holes];
        for (int i = 0; i < holes; i++) {
            double ox = (i == 0 ? 0.25 : -0.25) * r;
            inner[i] = reversed(star(cx + ox, cy, 0.05 * r, 0.1 * r, 5 + random.nextInt(6), random));
        }
        return F.createPolygon(shell, inner);
    }

    /** Counter-clockwise ring with vertices at jittered, evenly spaced angles and radii in [rMin, rMax]. */
    private static LinearRing star(double cx, double cy, double rMin, double rMax, int n, java.util.Random random) {
        List<Coordinate> cs = new ArrayList<>();
        double step = 2 * Math.PI / n;
        for (int i = 0; i < n; i++) {
            double angle = i * step + (random.nextDouble() - 0.5) * 0.6 * step;
            double rr = rMin + random.nextDouble() * (rMax - rMin);
            cs.add(new Coordinate(cx + rr * Math.cos(angle), cy + rr * Math.sin(angle)));
        }
        cs.add(new Coordinate(cs.get(0)));
        return F.createLinearRing(cs.toArray(Coordinate[]::new));
    }

    private static LinearRing reversed(LinearRing ring) {
        return ring.reverse();
    }

    public static Arbitrary<Geometry> observationGeometry() {
        return Arbitraries.oneOf(point(), lineString(), polygon());
    }

    /**
     * Observation geometries the server can store as sent: two dimensions, spanning less than 180° of longitude
     * (lines are random walks of up to half a degree per step).
     */
    public static Arbitrary<Geometry> storableGeometry() {
        Arbitrary<Point> point = Combinators.combine(lon(), lat()).as(Coordinate::new).map(F::createPoint);
        Arbitrary<Double> step = Arbitraries.doubles().between(-0.5, 0.5).ofScale(9);
        Arbitrary<LineString> walk = Combinators.combine(
                        Arbitraries.doubles().between(-170, 170).ofScale(9), Arbitraries.doubles().between(-80, 80).ofScale(9),
                        Combinators.combine(step, step).as(Coordinate::new).list().ofMinSize(1).ofMaxSize(29))
                .as((x, y, steps) -> {
                    List<Coordinate> cs = new ArrayList<>();
                    cs.add(new Coordinate(x, y));
                    for (Coordinate d : steps) {
                        Coordinate last = cs.get(cs.size() - 1);
                        cs.add(new Coordinate(last.x + d.x, last.y + d.y));
                    }
                    return cs;
                })
                .filter(cs -> cs.stream().map(c -> c.x + "," + c.y).distinct().count() >= 2)
                .map(cs -> F.createLineString(cs.toArray(Coordinate[]::new)));
        return Arbitraries.oneOf(point, walk, polygon());
    }

    public static Arbitrary<Geometry> anyGeometry() {
        Arbitrary<Geometry> simple = observationGeometry();
        Arbitrary<Geometry> multiPoint = point().list().ofMaxSize(6).map(ps -> F.createMultiPoint(ps.toArray(Point[]::new)));
        Arbitrary<Geometry> multiLine = lineString().list().ofMaxSize(4)
                .map(ls -> F.createMultiLineString(ls.toArray(LineString[]::new)));
        Arbitrary<Geometry> multiPolygon = polygon().list().ofMaxSize(3)
                .map(ps -> F.createMultiPolygon(ps.toArray(Polygon[]::new)));
        Arbitrary<Geometry> flat = Arbitraries.oneOf(simple, multiPoint, multiLine, multiPolygon);
        Arbitrary<Geometry> collection = flat.list().ofMaxSize(4)
                .map(gs -> F.createGeometryCollection(gs.toArray(Geometry[]::new)));
        return Arbitraries.oneOf(flat, collection);
    }
}
