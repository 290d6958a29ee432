package mx.implan.brujula.app.ui.map;

import com.gluonhq.maps.MapPoint;
import com.gluonhq.maps.MapView;
import mx.implan.brujula.model.observation.Observation;
import org.locationtech.jts.geom.Coordinate;
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

    /** Centre of what is shown: the mean of the observations' centroids, or Hermosillo. */
    public static MapPoint centre(List<Observation> observations) {
        double lat = 0;
        double lon = 0;
        int n = 0;
        for (Observation o : observations) {
            if (o.geometry() != null && !o.geometry().isEmpty()) {
                Coordinate c = o.geometry().getCentroid().getCoordinate();
                lat += c.y;
                lon += c.x;
                n++;
            }
        }
        return n == 0 ? HERMOSILLO : new MapPoint(lat / n, lon / n);
    }
}
