package mx.implan.brujula.ogc;

import mx.implan.brujula.ogc.OgcCollection.KeyColumn;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * How a page key travels in a cursor: as text the server wrote and checks again when it comes back,
 * so a forged cursor is a 400, never a failed cast in the database.
 */
final class Keys {

    private Keys() {
    }

    static String select(KeyColumn k) {
        return switch (k.sqlType()) {
            case "timestamptz" -> "to_char(" + k.column() + " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')";
            default -> "CAST(" + k.column() + " AS text)";
        };
    }

    static String parameter(KeyColumn k) {
        return switch (k.sqlType()) {
            case "timestamptz", "uuid", "date", "bigint", "integer" -> "CAST(? AS " + k.sqlType() + ")";
            default -> "CAST(? AS text)";
        };
    }

    /** Whether {@code value} is what {@link #select} writes for this column. */
    static boolean readable(KeyColumn k, String value) {
        try {
            switch (k.sqlType()) {
                case "timestamptz" -> Instant.parse(value);
                case "uuid" -> UUID.fromString(value);
                case "date" -> LocalDate.parse(value);
                case "bigint", "integer" -> Long.parseLong(value);
                default -> {
                    return value.length() <= 1000 && value.indexOf('\0') < 0;
                }
            }
            return true;
        } catch (DateTimeParseException | IllegalArgumentException e) {
            return false;
        }
    }
}
