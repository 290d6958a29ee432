package mx.implan.brujula.app.ui.map;

import com.gluonhq.maps.MapView;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Rectangle;
import mx.implan.brujula.app.journal.AssignedWork;
import mx.implan.brujula.app.journal.EntryState;
import mx.implan.brujula.app.journal.JournalEntry;
import mx.implan.brujula.app.journal.OfflineMap;
import mx.implan.brujula.app.ui.GeometryKind;
import mx.implan.brujula.app.ui.Navigator;
import mx.implan.brujula.app.ui.ObservationText;
import mx.implan.brujula.app.ui.Screen;
import mx.implan.brujula.app.ui.Texts;

import java.util.List;
import java.util.Locale;

/**
 * The user's observations (coloured by state) and assigned works (squares, outlines) on a Gluon map. Tiles come
 * from {@link OfflineTiles}, so it works with no network; tapping a marker opens the entry or the work.
 */
public final class MapScreen implements Screen {

    /** The map's size on a small phone (360×640 less the app bar and legend): what the first view must fit. */
    static final double VIEW_WIDTH = 360;
    static final double VIEW_HEIGHT = 500;

    private final Texts t;
    private final BorderPane content = new BorderPane();
    private final ShapesLayer zones = new ShapesLayer();
    private final ShapesLayer works = new ShapesLayer();
    private final ShapesLayer observations = new ShapesLayer();

    public MapScreen(Navigator nav, String owner) {
        this.t = nav.texts();
        List<JournalEntry> entries = nav.context().journal().entries(owner);
        List<AssignedWork> assigned = nav.context().journal().works(owner);
        java.util.Optional<OfflineMap> offline = nav.context().journal().offlineMap(owner);
        ObservationText words = new ObservationText(t);
        // Opens on everything at once: the works assigned may lie across town from today's observations,
        // and the inspector's zones frame where they work.
        List<org.locationtech.jts.geom.Geometry> shapes = new java.util.ArrayList<>();
        entries.forEach(e -> shapes.add(e.local().geometry()));
        assigned.forEach(w -> shapes.add(w.geometry()));
        offline.ifPresent(m -> m.zones().forEach(z -> shapes.add(z.geometry())));
        Maps.View view = Maps.fit(shapes, VIEW_WIDTH, VIEW_HEIGHT);
        MapView map = Maps.view(view.centre(), view.zoom());
        map.setId("map");
        map.setAccessibleText(t.format("map.spoken", entries.size(), assigned.size()));
        for (AssignedWork work : assigned) {
            List<double[]> vertices = Maps.vertices(work.geometry());
            if (vertices.isEmpty()) {
                continue;
            }
            Node n = works.add(vertices, work.geometry() != null
                            && GeometryKind.of(work.geometry()) == GeometryKind.POLYGON,
                    ShapesLayer.Mark.SQUARE, "map-work");
            n.setAccessibleText(work.name());
            n.setOnMouseClicked(e -> nav.openWork(work.id()));
        }
        for (JournalEntry entry : entries) {
            List<double[]> vertices = Maps.vertices(entry.local().geometry());
            if (vertices.isEmpty()) {
                continue;
            }
            boolean area = GeometryKind.of(entry.local().geometry()) == GeometryKind.POLYGON;
            Node n = observations.add(vertices, area, ShapesLayer.Mark.DOT, "map-entry", stateClass(entry.state()));
            n.setAccessibleText(words.summary(entry.local()) + ", " + t.label(entry.state()));
            n.setOnMouseClicked(e -> nav.openEntry(entry));
        }
        offline.ifPresent(this::drawOfflineMap);
        map.addLayer(zones);
        map.addLayer(works);
        map.addLayer(observations);
        content.setCenter(map);
        content.setBottom(legend());
    }

    /** The municipal boundary, the user's zones with their names: drawn under works and observations. */
    private void drawOfflineMap(OfflineMap m) {
        for (org.locationtech.jts.geom.Geometry boundary : m.boundary()) {
            for (List<double[]> ring : Maps.rings(boundary)) {
                zones.add(ring, true, ShapesLayer.Mark.DOT, "map-boundary");
            }
        }
        for (OfflineMap.Zone z : m.zones()) {
            for (List<double[]> ring : Maps.rings(z.geometry())) {
                Node n = zones.add(ring, true, ShapesLayer.Mark.DOT, "map-zone", "zone-" + z.type().toLowerCase(Locale.ROOT));
                n.setAccessibleText(t.format("map.zone", z.name()));
            }
            zones.label(z.labelLat(), z.labelLon(), z.name(), "zone-" + z.type().toLowerCase(Locale.ROOT));
        }
    }

    private Node legend() {
        FlowPane legend = new FlowPane();
        legend.getStyleClass().add("map-legend");
        legend.getChildren().add(item(squareOf("map-zone"), t.get("map.zones")));
        legend.getChildren().add(item(squareOf("map-work"), t.get("map.works")));
        for (EntryState s : List.of(EntryState.PENDING, EntryState.SYNCED, EntryState.CONFLICT, EntryState.REJECTED)) {
            Circle c = new Circle(7);
            c.getStyleClass().addAll("map-shape", "map-entry", stateClass(s));
            legend.getChildren().add(item(c, t.label(s)));
        }
        return legend;
    }

    private static Node squareOf(String style) {
        Rectangle r = new Rectangle(14, 14);
        r.getStyleClass().addAll("map-shape", style);
        return r;
    }

    private static Node item(Node swatch, String text) {
        HBox box = new HBox(swatch, new Label(text));
        box.setAlignment(Pos.CENTER_LEFT);
        box.getStyleClass().add("legend-item");
        return box;
    }

    static String stateClass(EntryState state) {
        return "state-" + state.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @Override
    public String title() {
        return t.get("map.title");
    }

    @Override
    public Node content() {
        return content;
    }

    @Override
    public boolean scrolls() {
        return false;
    }
}
