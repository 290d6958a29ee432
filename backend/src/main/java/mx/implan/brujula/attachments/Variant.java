package mx.implan.brujula.attachments;

import java.util.Locale;
import java.util.Optional;

/** What {@code GET /attachments/{sha256}?variant=} returns. */
public enum Variant {
    /** The bytes as uploaded, metadata included (GPS, camera): staff and the author only. */
    ORIGINAL,
    /** At most {@code thumb-size} pixels, upright, no metadata. */
    THUMB,
    /** At most {@code public-size} pixels, upright, EXIF GPS and device fields gone. */
    PUBLIC;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Bucket key of this variant of {@code sha256}. */
    public String key(String sha256) {
        return this == ORIGINAL ? sha256 : "derived/" + wireName() + "/" + sha256;
    }

    public static Optional<Variant> parse(String value) {
        if (value == null || value.isEmpty()) {
            return Optional.of(ORIGINAL);
        }
        for (Variant v : values()) {
            if (v.wireName().equals(value)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
