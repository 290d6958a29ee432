package mx.implan.brujula.app.ui.map;

import com.gluonhq.maps.MapLayer;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.Polyline;
import javafx.scene.shape.Rectangle;
import javafx.scene.shape.Shape;

import java.util.ArrayList;
import java.util.List;

/**
 * A map layer of simple shapes at (latitude, longitude) vertices: dots for points, lines, filled areas, squares
 * for works. Each shape carries a style class so the stylesheet colours it (by state, by layer).
 */
public final class ShapesLayer extends MapLayer {

    public enum Mark { DOT, SQUARE }

    private record Item(List<double[]> vertices, Node node, Mark mark, boolean closed) {
    }

    private final List<Item> items = new ArrayList<>();

    public void clear() {
        items.clear();
        getChildren().clear();
        markDirty();
    }

    /** A text centred at a (latitude, longitude): a zone's name. */
    public Node label(double lat, double lon, String text, String... styleClasses) {
        javafx.scene.text.Text node = new javafx.scene.text.Text(text);
        node.getStyleClass().add("map-label");
        node.getStyleClass().addAll(styleClasses);
        node.setMouseTransparent(true);
        items.add(new Item(List.of(new double[]{lat, lon}), node, Mark.DOT, false));
        getChildren().add(node);
        markDirty();
        return node;
    }

    /** Adds a feature; one vertex draws a marker, several a line (or an area when {@code closed}). */
    public Node add(List<double[]> vertices, boolean closed, Mark mark, String... styleClasses) {
        Shape node;
        if (vertices.size() == 1) {
            node = mark == Mark.SQUARE ? new Rectangle(16, 16) : new Circle(9);
        } else if (closed) {
            node = new Polygon();
        } else {
            node = new Polyline();
        }
        node.getStyleClass().add("map-shape");
        node.getStyleClass().addAll(styleClasses);
        Item item = new Item(List.copyOf(vertices), node, mark, closed);
        items.add(item);
        getChildren().add(node);
        markDirty();
        return node;
    }

    @Override
    protected void layoutLayer() {
        for (Item item : items) {
            if (item.vertices().size() == 1) {
                double[] v = item.vertices().get(0);
                Point2D p = getMapPoint(v[0], v[1]);
                if (item.node() instanceof Rectangle r) {
                    r.setTranslateX(p.getX() - r.getWidth() / 2);
                    r.setTranslateY(p.getY() - r.getHeight() / 2);
                } else if (item.node() instanceof javafx.scene.text.Text text) {
                    javafx.geometry.Bounds b = text.getLayoutBounds();
                    text.setTranslateX(p.getX() - b.getWidth() / 2);
                    text.setTranslateY(p.getY() + b.getHeight() / 4);
                } else {
                    item.node().setTranslateX(p.getX());
                    item.node().setTranslateY(p.getY());
                }
                continue;
            }
            List<Double> points = new ArrayList<>();
            for (double[] v : item.vertices()) {
                Point2D p = getMapPoint(v[0], v[1]);
                points.add(p.getX());
                points.add(p.getY());
            }
            if (item.node() instanceof Polygon polygon) {
                polygon.getPoints().setAll(points);
            } else if (item.node() instanceof Polyline line) {
                line.getPoints().setAll(points);
            }
        }
    }
}
