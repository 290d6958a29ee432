package mx.implan.brujula.http;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses the query parameters that list endpoints share ({@code limit}, {@code bbox}, {@code cursor},
 * boolean flags). Resources take them as raw strings and parse them here, so a bad value becomes a
 * 400 problem naming the parameter instead of the framework's silent 404 for unconvertible values.
 */
public final class QueryParams {

    private static final Pattern INTEGER = Pattern.compile("[-+]?\\d+");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d{1,30}(\\.\\d{0,30})?|\\.\\d{1,30})([eE][-+]?\\d{1,3})?");

    private QueryParams() {
    }

    /** A WGS84 box, {@code minLon,minLat,maxLon,maxLat} as in OGC API Features. */
    public record Bbox(double minLon, double minLat, double maxLon, double maxLat) {
    }

    public static int limit(String raw, int defaultLimit, int max, Locale locale) {
        if (raw == null || raw.isBlank()) {
            return defaultLimit;
        }
        String text = raw.trim();
        if (!INTEGER.matcher(text).matches()) {
            throw invalid("limit", "NOT_AN_INTEGER", locale, "Must be an integer");
        }
        // Digits past int's range are an integer out of range, not "not an integer".
        BigInteger value = new BigInteger(text);
        if (value.signum() < 1 || value.compareTo(BigInteger.valueOf(max)) > 0) {
            throw invalid("limit", "LIMIT_RANGE", locale, "Must be between 1 and " + max, String.valueOf(max));
        }
        return value.intValue();
    }

    public static Optional<Bbox> bbox(String raw, Locale locale) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        String[] parts = raw.split(",", -1);
        if (parts.length != 4) {
            throw invalid("bbox", "BBOX_FORMAT", locale, "Expected minLon,minLat,maxLon,maxLat");
        }
        double[] v = new double[4];
        for (int i = 0; i < 4; i++) {
            // Plain decimals only: Double.parseDouble would also read "NaN", "1d" or the hex float "0x1p3".
            String part = parts[i].trim();
            if (!DECIMAL.matcher(part).matches() || !Double.isFinite(Double.parseDouble(part))) {
                throw invalid("bbox", "BBOX_FORMAT", locale, "Expected minLon,minLat,maxLon,maxLat");
            }
            v[i] = Double.parseDouble(part);
        }
        if (v[0] < -180 || v[0] > 180 || v[2] < -180 || v[2] > 180) {
            throw invalid("bbox", "LON_RANGE", locale, "Longitude must be between -180 and 180");
        }
        if (v[1] < -90 || v[1] > 90 || v[3] < -90 || v[3] > 90) {
            throw invalid("bbox", "LAT_RANGE", locale, "Latitude must be between -90 and 90");
        }
        // A box crossing the antimeridian is not needed for one municipality; an inverted box is a mistake.
        if (v[0] > v[2] || v[1] > v[3]) {
            throw invalid("bbox", "BBOX_INVERTED", locale, "Minimum greater than maximum");
        }
        return Optional.of(new Bbox(v[0], v[1], v[2], v[3]));
    }

    /** An ISO-8601 date-time with offset, e.g. {@code 2022-01-01T00:00:00-07:00}. */
    public static java.time.OffsetDateTime instant(String name, String raw, Locale locale) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        java.time.OffsetDateTime value;
        try {
            value = java.time.OffsetDateTime.parse(raw.trim());
        } catch (java.time.format.DateTimeParseException e) {
            throw invalid(name, "INVALID_DATETIME", locale, "Must be an ISO-8601 date-time with offset");
        }
        // Java reads years up to ±999,999,999; a filter past the four-digit years PostgreSQL and
        // people use is a mistake, not a query.
        if (value.getYear() < 1 || value.getYear() > 9999) {
            throw invalid(name, "INVALID_DATETIME", locale, "Must be an ISO-8601 date-time with offset");
        }
        return value;
    }

    public static boolean flag(String name, String raw, boolean defaultValue, Locale locale) {
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        return switch (raw.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw invalid(name, "NOT_A_BOOLEAN", locale, "Must be true or false");
        };
    }

    /**
     * Opaque keyset cursor: the last key seen, tagged with the list it belongs to so a cursor from
     * another list is refused rather than silently misread.
     */
    public static String encodeCursor(String list, String lastKey) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((list + ":" + lastKey).getBytes(StandardCharsets.UTF_8));
    }

    public static Optional<String> decodeCursor(String list, String raw, Locale locale) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getUrlDecoder().decode(raw.trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid("cursor", "INVALID_CURSOR", locale, "The cursor is not valid");
        }
        String prefix = list + ":";
        if (!decoded.startsWith(prefix) || decoded.length() == prefix.length()) {
            throw invalid("cursor", "INVALID_CURSOR", locale, "The cursor is not valid");
        }
        return Optional.of(decoded.substring(prefix.length()));
    }

    /** A path or query parameter that must be a UUID; anything else is 400 naming {@code name}. */
    public static java.util.UUID uuid(String name, String raw, Locale locale) {
        try {
            return java.util.UUID.fromString(raw == null ? "" : raw.trim());
        } catch (IllegalArgumentException e) {
            throw invalid(name, "INVALID_UUID", locale, "Must be a UUID");
        }
    }

    /** A 400 problem naming {@code field}; the message comes from the {@code field.CODE} bundle key. */
    public static ApiProblem invalid(String field, String code, Locale locale, String fallback, Object... args) {
        return ApiProblem.invalidParameter(field, code, ProblemMessages.detail("field." + code, locale, fallback, args));
    }
}
