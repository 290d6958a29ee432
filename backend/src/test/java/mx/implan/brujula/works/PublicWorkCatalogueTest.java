package mx.implan.brujula.works;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import mx.implan.brujula.demo.DemoReferenceData;
import mx.implan.brujula.model.Ids;
import mx.implan.brujula.model.geojson.GeoJson;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What other features ask the catalogue: sync's UNKNOWN_WORK check and the zone of a location. */
@QuarkusTest
class PublicWorkCatalogueTest {

    @Inject
    PublicWorkCatalogue catalogue;

    @Inject
    DemoReferenceData demo;

    @BeforeEach
    void referenceDataLoaded() {
        demo.load();
    }

    @Test
    void existsForACatalogueWorkAndNotForOthers() {
        assertThat(catalogue.exists(Ids.nameBased("work:DEMO-001"))).isTrue();
        assertThat(catalogue.exists(UUID.randomUUID())).isFalse();
        assertThat(catalogue.exists(null)).isFalse();
    }

    @Test
    void zoneOfALocationIsTheSmallestZoneContainingIt() {
        // Downtown Hermosillo: an urban AGEB.
        assertThat(catalogue.zoneFor(GeoJson.factory().createPoint(new Coordinate(-110.9613, 29.0729))))
                .isEqualTo("2603000013047");
        // Bahía de Kino has no AGEB in the bundle: its locality.
        assertThat(catalogue.zoneFor(GeoJson.factory().createPoint(new Coordinate(-111.9397, 28.8255))))
                .isEqualTo("260300137");
        // Open desert inside the municipality: the municipality.
        assertThat(catalogue.zoneFor(GeoJson.factory().createPoint(new Coordinate(-111.5, 29.5))))
                .isEqualTo("26030");
        // Mexico City: none.
        assertThat(catalogue.zoneFor(GeoJson.factory().createPoint(new Coordinate(-99.1332, 19.4326)))).isNull();
    }
}
