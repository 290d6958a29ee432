package mx.implan.brujula.app.ui.map;

import com.gluonhq.maps.MapPoint;
import com.gluonhq.maps.MapView;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import mx.implan.brujula.app.ui.GeometryKind;
import mx.implan.brujula.app.ui.Navigator;
import mx.implan.brujula.app.ui.Screen;
import mx.implan.brujula.app.ui.Shape;
import mx.implan.brujula.app.ui.Texts;
import mx.implan.brujula.app.ui.Widgets;

import java.util.List;

/**
 * Placing a location by tapping the map: a tap sets the point, or adds the next vertex of a line or area. A drag
 * pans the map and places nothing.
 */
public final class MapPickScreen implements Screen {

    private final Navigator nav;
    private final Texts t;
    private final Shape shape;
    private final Runnable done;
    private final ShapesLayer layer = new ShapesLayer();
    private final Label hint;
    private final BorderPane content = new BorderPane();

    public MapPickScreen(Navigator nav, Shape shape, Runnable done) {
        this.nav = nav;
        this.t = nav.texts();
        this.shape = shape;
        this.done = done;
        MapPoint centre = shape.vertices().isEmpty() ? Maps.HERMOSILLO
                : new MapPoint(shape.vertices().get(0)[0], shape.vertices().get(0)[1]);
        MapView map = Maps.view(centre, 17);
        map.setId("pick-map");
        map.setAccessibleText(t.get("map.pickSpoken"));
        map.addLayer(layer);
        map.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            if (e.isStillSincePress()) {
                MapPoint p = map.getMapPosition(e.getX(), e.getY());
                shape.add(p.getLatitude(), p.getLongitude());
                redraw();
            }
        });
        hint = Widgets.note("");
        hint.getStyleClass().add("map-hint");
        content.setCenter(map);
        content.setBottom(hint);
        redraw();
    }

    private void redraw() {
        layer.clear();
        if (!shape.vertices().isEmpty()) {
            if (shape.vertices().size() > 1) {
                layer.add(shape.vertices(), shape.kind() == GeometryKind.POLYGON, ShapesLayer.Mark.DOT, "map-draft");
            }
            for (double[] v : shape.vertices()) {
                layer.add(List.of(v), false, ShapesLayer.Mark.DOT, "map-vertex");
            }
        }
        hint.setText(shape.kind() == GeometryKind.POINT ? t.get("map.pickPoint")
                : t.format("location.vertices", shape.vertices().size(), shape.kind().minVertices()));
    }

    @Override
    public String title() {
        return t.get("map.pickTitle");
    }

    @Override
    public Node content() {
        return content;
    }

    @Override
    public boolean scrolls() {
        return false;
    }

    @Override
    public List<Node> actions() {
        Button undo = Widgets.secondary(t.get("map.undo"), () -> {
            if (!shape.vertices().isEmpty()) {
                shape.vertices().remove(shape.vertices().size() - 1);
                redraw();
            }
        });
        Button ok = Widgets.primary(t.get("map.done"), () -> {
            done.run();
            nav.back();
        });
        ok.setId("pick-done");
        return List.of(undo, ok);
    }
}
