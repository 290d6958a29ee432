package mx.implan.brujula.app.ui.map;

import com.gluonhq.maps.MapPoint;
import com.gluonhq.maps.MapView;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;

import java.util.ArrayList;
import java.util.List;

/** Building a Gluon map and reading geometries into (latitude, longitude) vertex lists for its layers. */
public final class Maps {

    /** Downtown Hermosillo, where the map opens when there is nothing to show yet. */
    public static final MapPoint HERMOSILLO = new MapPoint(29.0729, -110.9559);

    private Maps() {
    }

    public static MapView view(MapPoint center, double zoom) {
        MapView map = new MapView();
        map.setZoom(zoom);
        map.setCenter(center);
        map.getStyleClass().add("map");
        return map;
    }

    public static List<double[]> vertices(Geometry g) {
        List<double[]> vertices = new ArrayList<>();
        if (g == null || g.isEmpty()) {
            return vertices;
        }
        Coordinate[] coordinates = g instanceof Polygon p ? p.getExteriorRing().getCoordinates() : g.getCoordinates();
        int n = g instanceof Polygon ? coordinates.length - 1 : coordinates.length;
        for (int i = 0; i < n; i++) {
            vertices.add(new double[]{coordinates[i].y, coordinates[i].x});
        }
        return vertices;
    }

    /** Each polygon's outer ring of a polygonal geometry (a multipolygon gives one ring per part), as (lat, lon) vertices. */
    public static List<List<double[]>> rings(Geometry g) {
        List<List<double[]>> rings = new ArrayList<>();
        if (g == null) {
            return rings;
        }
        for (int i = 0; i < g.getNumGeometries(); i++) {
            if (g.getGeometryN(i) instanceof Polygon p && !p.isEmpty()) {
                rings.add(vertices(p));
            }
        }
        return rings;
    }

    /** The closest zoom the overview map opens at (one point, or shapes a few streets apart). */
    static final double CLOSE_ZOOM = 15;
    /** The widest: the whole state of Sonora and then some. */
    static final double WIDE_ZOOM = 6;

    /** Where a map looks: its centre and zoom (256 px tiles: the world is 256·2^zoom px wide). */
    public record View(MapPoint centre, double zoom) {
    }

    /**
     * The view that holds every one of {@code shapes} in a map of about {@code widthPx}×{@code heightPx}, with
     * a margin for the markers: the centre of their bounding box and the closest whole zoom at which it fits
     * ({@link #CLOSE_ZOOM} at most). Nothing to show: Hermosillo.
     */
    public static View fit(List<Geometry> shapes, double widthPx, double heightPx) {
        Envelope box = new Envelope();
        for (Geometry g : shapes) {
            if (g != null && !g.isEmpty()) {
                box.expandToInclude(g.getEnvelopeInternal());
            }
        }
        if (box.isNull()) {
            return new View(HERMOSILLO, CLOSE_ZOOM);
        }
        double top = mercatorY(box.getMaxY());
        double bottom = mercatorY(box.getMinY());
        double centreLat = Math.toDegrees(Math.atan(Math.sinh((top + bottom) / 2)));
        MapPoint centre = new MapPoint(centreLat, (box.getMinX() + box.getMaxX()) / 2);
        // Fractions of the world's width and height the box takes; 80 % of the view leaves room for markers.
        double xSpan = box.getWidth() / 360.0;
        double ySpan = (top - bottom) / (2 * Math.PI);
        double zoom = CLOSE_ZOOM;
        if (xSpan > 0) {
            zoom = Math.min(zoom, log2(0.8 * widthPx / (256 * xSpan)));
        }
        if (ySpan > 0) {
            zoom = Math.min(zoom, log2(0.8 * heightPx / (256 * ySpan)));
        }
        return new View(centre, Math.max(WIDE_ZOOM, Math.floor(zoom)));
    }

    private static double mercatorY(double latitude) {
        double phi = Math.toRadians(latitude);
        return Math.log(Math.tan(Math.PI / 4 + phi / 2));
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
