package mx.implan.brujula.zones;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import mx.implan.brujula.demo.DemoReferenceData;
import mx.implan.brujula.model.geojson.GeoJson;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class AreaOfInterestTest {

    @Inject
    AreaOfInterest areaOfInterest;

    @Inject
    DemoReferenceData demo;

    @Inject
    EntityManager em;

    @BeforeEach
    void municipalityLoaded() {
        demo.load();
    }

    private static Geometry point(double lon, double lat) {
        return GeoJson.factory().createPoint(new Coordinate(lon, lat));
    }

    @Test
    void coversAPointInDowntownHermosillo() {
        assertThat(areaOfInterest.isDefined()).isTrue();
        assertThat(areaOfInterest.covers(point(-110.9613, 29.0729))).isTrue();
    }

    @Test
    void doesNotCoverAPointInMexicoCity() {
        assertThat(areaOfInterest.covers(point(-99.1332, 19.4326))).isFalse();
    }

    @Test
    void doesNotCoverALineThatLeavesTheMunicipality() {
        Geometry line = GeoJson.factory().createLineString(new Coordinate[]{
                new Coordinate(-110.9613, 29.0729), new Coordinate(-99.1332, 19.4326)});
        assertThat(areaOfInterest.covers(line)).isFalse();
    }

    @Test
    void coversEverythingWhileNoAreaIsLoaded() {
        QuarkusTransaction.begin();
        try {
            em.createNativeQuery("DELETE FROM area_of_interest").executeUpdate();
            assertThat(areaOfInterest.covers(point(-99.1332, 19.4326))).isTrue();
        } finally {
            QuarkusTransaction.rollback();
        }
        assertThat(areaOfInterest.covers(point(-99.1332, 19.4326))).isFalse();
    }

    @Test
    void reusingTheSameZoneChangesNothing() {
        assertThat(areaOfInterest.useZone("26030")).isFalse();
    }
}
