package mx.implan.brujula.app.ui;

import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.layout.Pane;

import java.util.List;

/**
 * Children side by side, sharing the width, when they fit; stacked full-width otherwise. Large text settings on a
 * narrow phone would otherwise cut labels into syllables or push buttons off the screen. A wrapping label counts
 * as needing {@value #LABEL_MIN_EM} em, enough for a few words per line; anything else its preferred width.
 */
public class AdaptiveRow extends Pane {

    public static final double LABEL_MIN_EM = 9;

    private final double gapEm;

    public AdaptiveRow(double gapEm, Node... children) {
        this.gapEm = gapEm;
        getChildren().addAll(children);
        getStyleClass().add("adaptive-row");
    }

    private double gap() {
        return gapEm * fontSize();
    }

    private double fontSize() {
        for (Node n : getChildren()) {
            if (n instanceof Labeled l) {
                return l.getFont().getSize();
            }
        }
        return 16;
    }

    /** Marks a child (e.g. a box of wrapping labels) as needing {@code em} em of width in a row. */
    public static void needsEm(Node child, double em) {
        child.getProperties().put(MIN_EM_KEY, em);
    }

    private static final String MIN_EM_KEY = "brujula.adaptive-row.min-em";

    private double needed(Node n) {
        if (n.getProperties().get(MIN_EM_KEY) instanceof Double em) {
            return em * fontSize();
        }
        if (n instanceof Labeled l && l.isWrapText() && !(n instanceof javafx.scene.control.ButtonBase)) {
            return LABEL_MIN_EM * l.getFont().getSize();
        }
        return n.prefWidth(-1);
    }

    /** Whether the children fit in one row of {@code width} (content width, without insets). */
    public boolean fitsInRow(double width) {
        List<Node> kids = managed();
        double total = gap() * Math.max(0, kids.size() - 1);
        for (Node n : kids) {
            total += needed(n);
        }
        return total <= width;
    }

    private List<Node> managed() {
        return getChildren().stream().filter(Node::isManaged).toList();
    }

    @Override
    public Orientation getContentBias() {
        return Orientation.HORIZONTAL;
    }

    @Override
    protected double computeMinWidth(double height) {
        return snappedLeftInset() + snappedRightInset()
                + managed().stream().mapToDouble(n -> n.minWidth(-1)).max().orElse(0);
    }

    @Override
    protected double computePrefWidth(double height) {
        List<Node> kids = managed();
        double total = gap() * Math.max(0, kids.size() - 1);
        for (Node n : kids) {
            total += n.prefWidth(-1);
        }
        return snappedLeftInset() + snappedRightInset() + total;
    }

    @Override
    protected double computePrefHeight(double width) {
        double inner = (width < 0 ? computePrefWidth(-1) : width) - snappedLeftInset() - snappedRightInset();
        List<Node> kids = managed();
        double h;
        if (fitsInRow(inner)) {
            double[] widths = rowWidths(kids, inner);
            h = 0;
            for (int i = 0; i < kids.size(); i++) {
                h = Math.max(h, height(kids.get(i), widths[i]));
            }
        } else {
            h = gap() * Math.max(0, kids.size() - 1);
            for (Node n : kids) {
                h += height(n, inner);
            }
        }
        return snappedTopInset() + snappedBottomInset() + h;
    }

    @Override
    protected void layoutChildren() {
        double x0 = snappedLeftInset();
        double y0 = snappedTopInset();
        double inner = getWidth() - x0 - snappedRightInset();
        double innerHeight = getHeight() - y0 - snappedBottomInset();
        List<Node> kids = managed();
        if (fitsInRow(inner)) {
            double[] widths = rowWidths(kids, inner);
            double x = x0;
            for (int i = 0; i < kids.size(); i++) {
                Node n = kids.get(i);
                double h = Math.min(Math.max(innerHeight, 0), height(n, widths[i]));
                n.resizeRelocate(x, y0 + (innerHeight - h) / 2, widths[i], h);
                x += widths[i] + gap();
            }
        } else {
            double y = y0;
            for (Node n : kids) {
                double h = height(n, inner);
                n.resizeRelocate(x0, y, inner, h);
                y += h + gap();
            }
        }
    }

    private static double height(Node n, double width) {
        return Math.max(n.minHeight(width), n.prefHeight(width));
    }

    /**
     * Each child gets what it needs; what is left goes to the children that grow (text boxes), or is shared by all
     * when none does (a bar of buttons).
     */
    private double[] rowWidths(List<Node> kids, double inner) {
        double[] widths = new double[kids.size()];
        double used = gap() * Math.max(0, kids.size() - 1);
        int growing = 0;
        for (int i = 0; i < kids.size(); i++) {
            widths[i] = needed(kids.get(i));
            used += widths[i];
            growing += grows(kids.get(i)) ? 1 : 0;
        }
        double left = Math.max(0, inner - used);
        for (int i = 0; i < widths.length; i++) {
            if (growing == 0) {
                widths[i] += left / kids.size();
            } else if (grows(kids.get(i))) {
                widths[i] += left / growing;
            }
        }
        return widths;
    }

    private static boolean grows(Node n) {
        return n.getProperties().containsKey(MIN_EM_KEY)
                || n instanceof Labeled l && l.isWrapText() && !(n instanceof javafx.scene.control.ButtonBase);
    }
}
