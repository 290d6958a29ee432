package mx.implan.brujula.moderation;

import java.util.Locale;
import java.util.Optional;

/** Where a citizen photo stands in moderation. Only APPROVED photos are ever shown to the public. */
public enum PhotoDecision {
    PENDING, APPROVED, REJECTED;

    /** A value a supervisor may set (APPROVED or REJECTED), case-insensitive. */
    public static Optional<PhotoDecision> settable(String value) {
        if (value == null) {
            return Optional.empty();
        }
        return switch (value.strip().toUpperCase(Locale.ROOT)) {
            case "APPROVED" -> Optional.of(APPROVED);
            case "REJECTED" -> Optional.of(REJECTED);
            default -> Optional.empty();
        };
    }

    public static Optional<PhotoDecision> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(value.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
