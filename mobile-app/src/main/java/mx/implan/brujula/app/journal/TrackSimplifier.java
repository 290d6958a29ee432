package mx.implan.brujula.app.journal;

import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.simplify.DouglasPeuckerSimplifier;
import org.locationtech.jts.simplify.TopologyPreservingSimplifier;

/**
 * Brings a long GPS track (a walked line or polygon) under the server's vertex limit before it is saved, with
 * as little change of shape as possible: the smallest Douglas–Peucker tolerance (topology-preserving for
 * polygons, so rings never cross) that fits is searched by bisection, and only a valid result is accepted.
 * A GPS fix every second for an hour is 3,600 points; a day of walking would be refused by the server otherwise.
 */
final class TrackSimplifier {

    private static final int STEPS = 40;

    private TrackSimplifier() {
    }

    /** {@code g} itself when it fits; otherwise the least simplified valid version that does. */
    static Geometry fit(Geometry g, int maxVertices) {
        if (g == null || g.getNumPoints() <= maxVertices) {
            return g;
        }
        Envelope extent = g.getEnvelopeInternal();
        double low = 0;
        double high = Math.max(extent.getWidth(), extent.getHeight());
        Geometry best = null;
        for (int i = 0; i < STEPS && high > 0; i++) {
            double tolerance = (low + high) / 2;
            Geometry candidate = simplify(g, tolerance);
            if (acceptable(candidate, g, maxVertices)) {
                best = candidate;
                high = tolerance;
            } else if (candidate.getNumPoints() > maxVertices) {
                low = tolerance;
            } else {
                // Too coarse to stay valid (a ring collapsed): a smaller tolerance keeps more shape.
                high = tolerance;
            }
            if (best != null && best.getNumPoints() > maxVertices * 0.98) {
                break; // close enough to the limit: further halving would only spend time
            }
        }
        return best == null ? g : best;
    }

    private static Geometry simplify(Geometry g, double tolerance) {
        Geometry s = g instanceof Polygonal ? TopologyPreservingSimplifier.simplify(g, tolerance)
                : DouglasPeuckerSimplifier.simplify(g, tolerance);
        s.setSRID(g.getSRID());
        return s;
    }

    private static boolean acceptable(Geometry candidate, Geometry original, int maxVertices) {
        return candidate.getNumPoints() <= maxVertices && !candidate.isEmpty() && candidate.isValid()
                && candidate.getGeometryType().equals(original.getGeometryType());
    }
}
