package mx.implan.brujula.app.ui.map;

import com.gluonhq.maps.MapView;
import javafx.scene.Node;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Rectangle;
import mx.implan.brujula.app.journal.EntryState;
import mx.implan.brujula.app.ui.capture.CaptureScreen;
import mx.implan.brujula.app.ui.fixtures.FieldAppTest;
import mx.implan.brujula.app.ui.fixtures.SampleData;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The map shows the user's observations and assigned works with no network (tiles from OfflineTiles). */
class MapScreenTest extends FieldAppTest {

    @Test
    void showsObservationsByStateAndWorks() {
        tap("#open-map");
        assertThat(shell.current()).isInstanceOf(MapScreen.class);
        MapView map = lookup("#map").queryAs(MapView.class);
        List<Node> entries = lookup(".map-entry").queryAll().stream()
                .filter(n -> map.getChildrenUnmodifiable().isEmpty() || isInside(n, map)).toList();
        assertThat(entries).hasSize(EntryState.values().length);
        assertThat(lookup(".map-entry.state-conflict").queryAll().stream().filter(n -> isInside(n, map)))
                .hasSize(1).allMatch(n -> n instanceof Circle);
        // Two works are points (squares), one is a line.
        assertThat(lookup(".map-work").queryAll().stream().filter(n -> isInside(n, map)).toList()).hasSize(3)
                .filteredOn(n -> n instanceof Rectangle).hasSize(2);
        WaitForAsyncUtils.sleep(300, java.util.concurrent.TimeUnit.MILLISECONDS); // let tiles paint
        screenshot("map");
    }

    @Test
    void opensWithEveryObservationAndWorkInView() {
        // A work across town, 4 km from the observations: the first view still holds it.
        interact(() -> preview.journal().putWork(new mx.implan.brujula.app.journal.AssignedWork(
                java.util.UUID.fromString("0193a1e2-0000-7000-8000-0000000000f4"), "OP-2026-099",
                "Cancha de la Col. Y Griega (ficticia)", "EN_PROCESO",
                mx.implan.brujula.model.geojson.GeoJson.factory().createPoint(
                        new org.locationtech.jts.geom.Coordinate(-110.97, 29.11)), null, null, null)));
        tap("#open-map");
        // A pulse lays the markers out: until then they stand at the map's origin.
        await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() -> {
            WaitForAsyncUtils.waitForFxEvents();
            MapView map = lookup("#map").queryAs(MapView.class);
            javafx.geometry.Bounds view = map.localToScene(map.getBoundsInLocal());
            List<Node> markers = new java.util.ArrayList<>(lookup(".map-work").queryAll());
            markers.addAll(lookup(".map-entry").queryAll());
            markers.removeIf(n -> !isInside(n, map));
            assertThat(markers).hasSize(4 + EntryState.values().length);
            for (Node n : markers) {
                javafx.geometry.Bounds b = n.localToScene(n.getBoundsInLocal());
                assertThat(view.contains(b.getCenterX(), b.getCenterY())).as(n.getAccessibleText() + " at " + b).isTrue();
            }
        });
    }

    @Test
    void tappingAMarkerOpensTheEntry() {
        tap("#open-map");
        Node marker = lookup(".map-entry.state-pending").queryAll().stream()
                .filter(n -> isInside(n, lookup("#map").query())).findFirst().orElseThrow();
        interact(() -> marker.getOnMouseClicked().handle(null));
        assertThat(shell.current()).isInstanceOf(CaptureScreen.class);
    }

    @Test
    void offlineTilesNeverWaitOnTheNetwork() throws Exception {
        var tile = new OfflineTiles().loadTile(15, 6112, 13370);
        assertThat(tile).isCompleted();
        assertThat(tile.get().getWidth()).isEqualTo(256);
        assertThat(SampleData.HERMOSILLO.getId()).isEqualTo("America/Hermosillo");
    }

    private static boolean isInside(Node n, Node ancestor) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (p == ancestor) {
                return true;
            }
        }
        return false;
    }

    @Test
    void drawsTheOfflineMapZonesWithTheirNamesUnderTheMarkers() {
        var f = mx.implan.brujula.model.geojson.GeoJson.factory();
        java.util.function.BiFunction<Double, Double, org.locationtech.jts.geom.Polygon> square = (lon, lat) -> f.createPolygon(
                new org.locationtech.jts.geom.Coordinate[]{new org.locationtech.jts.geom.Coordinate(lon, lat),
                        new org.locationtech.jts.geom.Coordinate(lon + 0.008, lat), new org.locationtech.jts.geom.Coordinate(lon + 0.008, lat + 0.008),
                        new org.locationtech.jts.geom.Coordinate(lon, lat + 0.008), new org.locationtech.jts.geom.Coordinate(lon, lat)});
        var zones = List.of(
                new mx.implan.brujula.app.journal.OfflineMap.Zone("2603000011869", "AGEB", "AGEB 1869", -110.956, 29.072,
                        f.createMultiPolygon(new org.locationtech.jts.geom.Polygon[]{square.apply(-110.960, 29.068)})),
                new mx.implan.brujula.app.journal.OfflineMap.Zone("2603000011873", "AGEB", "AGEB 1873", -110.948, 29.080,
                        square.apply(-110.952, 29.076)));
        interact(() -> preview.journal().putOfflineMap(mx.implan.brujula.app.ui.fixtures.SampleData.INSPECTOR,
                new mx.implan.brujula.app.journal.OfflineMap("a".repeat(64), zones, List.of(),
                        List.of(square.apply(-111.2, 28.8)))));
        tap("#open-map");
        await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() -> {
            WaitForAsyncUtils.waitForFxEvents();
            MapView map = lookup("#map").queryAs(MapView.class);
            assertThat(lookup(".map-zone").queryAll().stream().filter(n -> isInside(n, map)).toList()).hasSize(2);
            assertThat(lookup(".map-boundary").queryAll()).hasSize(1);
            assertThat(lookup(".map-label").queryAll().stream().filter(n -> isInside(n, map))
                    .map(n -> ((javafx.scene.text.Text) n).getText()).toList()).containsExactlyInAnyOrder("AGEB 1869", "AGEB 1873");
        });
        // Zones lie under works and observations: a tap on a marker still reaches the marker.
        MapView map = lookup("#map").queryAs(MapView.class);
        Node zone = lookup(".map-zone").queryAll().stream().filter(n -> n.getStyleClass().contains("zone-ageb")).findFirst().orElseThrow();
        Node entry = lookup(".map-entry").queryAll().iterator().next();
        assertThat(map.getChildrenUnmodifiable().indexOf(zone.getParent()))
                .isLessThan(map.getChildrenUnmodifiable().indexOf(entry.getParent()));
        WaitForAsyncUtils.sleep(300, java.util.concurrent.TimeUnit.MILLISECONDS);
        screenshot("map-zones");
    }
}
