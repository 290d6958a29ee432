package mx.implan.brujula.app.ui;

import mx.implan.brujula.model.Limits;
import mx.implan.brujula.model.validation.ObservationValidator;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;

import static org.assertj.core.api.Assertions.assertThat;

class ShapeTest {

    @Test
    void pointKeepsOnlyTheLatestFix() {
        Shape s = new Shape(GeometryKind.POINT);
        s.add(29.0, -110.0);
        s.add(29.1, -110.1);
        assertThat(s.toGeometry().getCoordinate().y).isEqualTo(29.1);
        assertThat(s.toGeometry().getCoordinate().x).isEqualTo(-110.1);
    }

    @Test
    void polygonRingIsClosedAndRoundTrips() {
        Shape s = new Shape(GeometryKind.POLYGON);
        assertThat(s.isComplete()).isFalse();
        s.add(29.0, -110.0);
        s.add(29.0, -110.001);
        s.add(29.001, -110.001);
        assertThat(s.isComplete()).isTrue();
        Geometry g = s.toGeometry();
        assertThat(g).isInstanceOf(Polygon.class);
        assertThat(g.getCoordinates()).hasSize(4);
        assertThat(Shape.of(g).vertices()).hasSize(3);
    }

    @Test
    void longWalkedTracksAreSimplifiedToTheServersLimit() {
        Shape s = new Shape(GeometryKind.LINE);
        for (int i = 0; i < 12_000; i++) {
            // A wiggly walk: every vertex matters a little, so simplification has real work to do.
            s.add(29.0 + i * 1e-6, -110.0 + Math.sin(i / 7.0) * 2e-6);
        }
        Geometry g = s.toGeometry();
        assertThat(g.getNumPoints()).isLessThanOrEqualTo(Limits.MAX_VERTICES).isGreaterThan(1);
        assertThat(g.getCoordinates()[0].y).isEqualTo(29.0);
    }
}
