package mx.implan.brujula.model;

import java.util.Set;

/** Structural limits of the wire contract; the server and the app must agree on them. */
public final class Limits {

    /** Total positions in one observation geometry; the app simplifies long GPS tracks before saving. */
    public static final int MAX_VERTICES = 5_000;
    public static final int MAX_PHOTOS = 20;
    /** In Unicode code points, as PostgreSQL counts characters. */
    public static final int MAX_NOTES = 4_000;
    public static final int MAX_DEVICE_ID = 100;
    public static final int MAX_ISSUES_TEXT = 2_000;
    /** Any other free-text attribute. */
    public static final int MAX_ATTRIBUTE_TEXT = 2_000;
    public static final double MIN_ACCURACY_M = 0;
    public static final double MAX_ACCURACY_M = 10_000;
    public static final int MIN_SEVERITY = 1;
    public static final int MAX_SEVERITY = 5;
    public static final double MIN_PERCENT = 0;
    public static final double MAX_PERCENT = 100;
    public static final int SHA256_HEX_LENGTH = 64;
    /** Instants (capturedAt, photos' takenAt, a push's sentAt) are accepted from 1900 through 2100, in UTC. */
    public static final int MIN_YEAR = 1900;
    public static final int MAX_YEAR = 2100;
    /** Counts in attributes (trees, workersOnSite, peopleExposed): what a 32-bit integer holds. */
    public static final long MAX_COUNT = Integer.MAX_VALUE;

    /** Per item, whatever its fields: serialized size as compact UTF-8 JSON. */
    public static final int MAX_ITEM_BYTES = 512 * 1024;
    /** Members of any object in an item, attributes included (known and unknown keys alike). */
    public static final int MAX_KEYS = 50;
    /** Nesting of objects and arrays in an item (the item itself is level 1; a polygon position is level 5). */
    public static final int MAX_DEPTH = 10;
    /** Any string in an item, in code points (notes, the longest field, has this same limit). */
    public static final int MAX_STRING = 4_000;
    /** Any member name in an item, in code points. */
    public static final int MAX_KEY = 100;
    /** Any number in an item, in characters when written without exponent. */
    public static final int MAX_NUMBER_LENGTH = 40;
    public static final Set<String> PHOTO_MEDIA_TYPES = Set.of("image/jpeg", "image/png", "image/webp", "image/heic");

    /** Push batch defaults (configurable on the server; over them → 413 and the device halves its batch). */
    public static final int DEFAULT_MAX_PUSH_ITEMS = 500;
    public static final long DEFAULT_MAX_PUSH_BYTES = 10L * 1024 * 1024;
    public static final int DEFAULT_PULL_LIMIT = 200;
    public static final int MAX_PULL_LIMIT = 1_000;

    private Limits() {
    }
}
