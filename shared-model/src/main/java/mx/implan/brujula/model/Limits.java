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
    public static final Set<String> PHOTO_MEDIA_TYPES = Set.of("image/jpeg", "image/png", "image/webp", "image/heic");

    /** Push batch defaults (configurable on the server; over them → 413 and the device halves its batch). */
    public static final int DEFAULT_MAX_PUSH_ITEMS = 500;
    public static final long DEFAULT_MAX_PUSH_BYTES = 10L * 1024 * 1024;
    public static final int DEFAULT_PULL_LIMIT = 200;
    public static final int MAX_PULL_LIMIT = 1_000;

    private Limits() {
    }
}
