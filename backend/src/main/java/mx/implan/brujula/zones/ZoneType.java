package mx.implan.brujula.zones;

import java.util.Locale;
import java.util.Optional;

/** INEGI geostatistical levels kept as zones; an AGEB belongs to a locality, a locality to a municipality. */
public enum ZoneType {
    MUNICIPALITY,
    LOCALITY,
    AGEB;

    /** Case-insensitive, for query parameters. */
    public static Optional<ZoneType> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(value.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }
}
