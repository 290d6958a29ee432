package mx.implan.brujula.app.ui.map;

import mx.implan.brujula.model.geojson.GeoJson;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The overview map's first view: everything the user has, as close as it fits. */
class MapsTest {

    private static Geometry point(double lat, double lon) {
        return GeoJson.factory().createPoint(new Coordinate(lon, lat));
    }

    @Test
    void nothingToShowOpensOnHermosillo() {
        Maps.View v = Maps.fit(List.of(), 360, 500);
        assertThat(v.centre()).isEqualTo(Maps.HERMOSILLO);
        assertThat(v.zoom()).isEqualTo(Maps.CLOSE_ZOOM);
    }

    @Test
    void onePointIsShownCloseUp() {
        Maps.View v = Maps.fit(List.of(point(29.0729, -110.9559)), 360, 500);
        assertThat(v.centre().getLatitude()).isCloseTo(29.0729, within(1e-9));
        assertThat(v.centre().getLongitude()).isCloseTo(-110.9559, within(1e-9));
        assertThat(v.zoom()).isEqualTo(Maps.CLOSE_ZOOM);
    }

    @Test
    void shapesAcrossTownFitWithAMargin() {
        List<Geometry> shapes = List.of(point(29.0729, -110.9559), point(29.11, -110.97), point(29.088, -110.938));
        Maps.View v = Maps.fit(shapes, 360, 500);
        assertThat(v.zoom()).isLessThan(Maps.CLOSE_ZOOM);
        double world = 256 * Math.pow(2, v.zoom());
        double cx = (v.centre().getLongitude() + 180) / 360 * world;
        double cy = mercatorPx(v.centre().getLatitude(), world);
        for (Geometry g : shapes) {
            double x = (g.getCoordinate().x + 180) / 360 * world - cx;
            double y = mercatorPx(g.getCoordinate().y, world) - cy;
            assertThat(Math.abs(x)).isLessThan(0.4 * 360 + 1e-6);
            assertThat(Math.abs(y)).isLessThan(0.4 * 500 + 1e-6);
        }
        // One step closer would not hold them.
        Maps.View closer = new Maps.View(v.centre(), v.zoom() + 1);
        double w2 = 256 * Math.pow(2, closer.zoom());
        double spanX = (-110.938 - -110.97) / 360 * w2;
        double spanY = mercatorPx(29.0729, w2) - mercatorPx(29.11, w2);
        assertThat(spanX > 0.8 * 360 || spanY > 0.8 * 500).isTrue();
    }

    private static double mercatorPx(double lat, double world) {
        double phi = Math.toRadians(lat);
        return (1 - Math.log(Math.tan(Math.PI / 4 + phi / 2)) / Math.PI) / 2 * world;
    }
}
