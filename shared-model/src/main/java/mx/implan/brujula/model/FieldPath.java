package mx.implan.brujula.model;

/**
 * Builds the field paths used in errors: {@code items[3].geometry.coordinates[0][2]}.
 * The empty string is the root.
 */
public final class FieldPath {

    private FieldPath() {
    }

    /** {@code parent.child}; an index-only child ({@code [2]}) or an empty side joins without a dot. */
    public static String join(String parent, String child) {
        if (parent == null || parent.isEmpty()) {
            return child == null ? "" : child;
        }
        if (child == null || child.isEmpty()) {
            return parent;
        }
        return child.startsWith("[") ? parent + child : parent + "." + child;
    }

    /** {@code parent[index]}. */
    public static String index(String parent, int index) {
        return (parent == null ? "" : parent) + "[" + index + "]";
    }
}
