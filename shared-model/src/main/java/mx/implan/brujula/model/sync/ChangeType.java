package mx.implan.brujula.model.sync;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;
import java.util.Optional;

/**
 * What a pull change carries; lowercase on the wire. Mapped with {@code @JsonProperty} per constant (not a
 * throwing {@code @JsonCreator}) so a lenient reader maps a type from a newer server to null instead of failing.
 */
public enum ChangeType {
    @JsonProperty("observation") OBSERVATION,
    @JsonProperty("work") WORK,
    @JsonProperty("zone") ZONE,
    @JsonProperty("assignment") ASSIGNMENT;

    /** Wire form, e.g. {@code observation}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the wire form (e.g. from a query parameter); empty when unknown. */
    public static Optional<ChangeType> fromWire(String value) {
        for (ChangeType t : values()) {
            if (t.wireName().equals(value)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
