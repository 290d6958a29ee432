package mx.implan.brujula.model.validation;

import static mx.implan.brujula.model.validation.ValidationCodes.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import mx.implan.brujula.model.FieldPath;
import mx.implan.brujula.model.Limits;
import mx.implan.brujula.model.geojson.GeoJson;

/**
 * Collects violations while reading typed values out of a JSON tree. Each reader returns null when the value
 * is absent or unusable (after recording why), so later checks can go on and every problem gets reported.
 */
final class Checks {

    /** Keeps a hostile item (e.g. 5,000 bad vertices) from producing an enormous error response. */
    static final int MAX_VIOLATIONS = 100;

    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final int SHOWN_CHARS = 40;

    private final List<Violation> violations = new ArrayList<>();

    List<Violation> result() {
        return List.copyOf(violations);
    }

    void add(String field, String code, Object... args) {
        if (violations.size() < MAX_VIOLATIONS && !has(field, code)) {
            violations.add(Violation.of(field, code, args));
        }
    }

    /** Whether {@code field} already has a violation with {@code code} (two checks may look at one value). */
    private boolean has(String field, String code) {
        for (Violation v : violations) {
            if (v.field().equals(field) && v.code().equals(code)) {
                return true;
            }
        }
        return false;
    }

    void addVariant(String field, String code, String variant, Object... args) {
        if (violations.size() < MAX_VIOLATIONS) {
            violations.add(Violation.ofVariant(field, code, variant, args));
        }
    }

    static boolean absent(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode();
    }

    /** The member, or null when absent; REQUIRED is recorded when {@code required}. */
    JsonNode member(JsonNode parent, String name, String path, boolean required) {
        JsonNode n = parent.get(name);
        if (absent(n)) {
            if (required) {
                add(path, REQUIRED);
            }
            return null;
        }
        return n;
    }

    boolean isObject(JsonNode n, String path) {
        if (!n.isObject()) {
            addVariant(path, INVALID_TYPE, "object", show(n));
            return false;
        }
        return true;
    }

    boolean isArray(JsonNode n, String path) {
        if (!n.isArray()) {
            addVariant(path, INVALID_TYPE, "array", show(n));
            return false;
        }
        return true;
    }

    String text(JsonNode parent, String name, String path, boolean required, int maxCodePoints) {
        JsonNode n = member(parent, name, path, required);
        if (n == null) {
            return null;
        }
        if (!n.isTextual()) {
            addVariant(path, INVALID_TYPE, "string", show(n));
            return null;
        }
        String s = n.textValue();
        if (required && s.isBlank()) {
            add(path, REQUIRED);
            return null;
        }
        int length = s.codePointCount(0, s.length());
        if (length > maxCodePoints) {
            add(path, TOO_LONG, maxCodePoints, length);
        }
        return s;
    }

    String uuid(JsonNode parent, String name, String path, boolean required) {
        JsonNode n = member(parent, name, path, required);
        if (n == null) {
            return null;
        }
        if (!n.isTextual()) {
            addVariant(path, INVALID_TYPE, "string", show(n));
            return null;
        }
        if (!UUID_TEXT.matcher(n.textValue()).matches()) {
            add(path, INVALID_UUID, show(n));
            return null;
        }
        return n.textValue();
    }

    OffsetDateTime dateTime(JsonNode parent, String name, String path, boolean required) {
        JsonNode n = member(parent, name, path, required);
        if (n == null) {
            return null;
        }
        if (!n.isTextual()) {
            addVariant(path, INVALID_TYPE, "datetime", show(n));
            return null;
        }
        OffsetDateTime t;
        try {
            t = OffsetDateTime.parse(n.textValue());
        } catch (DateTimeParseException e) {
            add(path, INVALID_DATETIME, show(n));
            return null;
        }
        int year = t.withOffsetSameInstant(ZoneOffset.UTC).getYear();
        if (year < Limits.MIN_YEAR || year > Limits.MAX_YEAR) {
            // Outside it PostgreSQL would store another day (calendar change) or nothing at all.
            add(path, DATE_RANGE, show(n), Limits.MIN_YEAR, Limits.MAX_YEAR);
            return null;
        }
        return t;
    }

    <E extends Enum<E>> E enumValue(JsonNode parent, String name, String path, boolean required, Class<E> type) {
        JsonNode n = member(parent, name, path, required);
        if (n == null) {
            return null;
        }
        if (!n.isTextual()) {
            addVariant(path, INVALID_TYPE, "string", show(n));
            return null;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(n.textValue())) {
                return e;
            }
        }
        add(path, INVALID_ENUM, show(n), names(type));
        return null;
    }

    static String names(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
    }

    /** A finite number; NaN/Infinity (as tokens or strings) are NOT_FINITE, anything else INVALID_TYPE. */
    BigDecimal number(JsonNode n, String path) {
        if (n.isNumber()) {
            if (!Double.isFinite(n.doubleValue())) {
                add(path, NOT_FINITE, show(n));
                return null;
            }
            return n.decimalValue();
        }
        if (n.isTextual() && GeoJson.isNonFiniteLiteral(n.textValue())) {
            add(path, NOT_FINITE, show(n));
            return null;
        }
        addVariant(path, INVALID_TYPE, "number", show(n));
        return null;
    }

    BigDecimal number(JsonNode parent, String name, String path, boolean required) {
        JsonNode n = member(parent, name, path, required);
        return n == null ? null : number(n, path);
    }

    /** A number without fractional part (4 and 4.0 both count). */
    BigDecimal integer(JsonNode parent, String name, String path, boolean required) {
        JsonNode n = member(parent, name, path, required);
        if (n == null) {
            return null;
        }
        BigDecimal d = number(n, path);
        if (d == null) {
            return null;
        }
        if (d.signum() != 0 && d.stripTrailingZeros().scale() > 0) {
            addVariant(path, INVALID_TYPE, "integer", show(n));
            return null;
        }
        return d;
    }

    /** An integer in [0, max]: NEGATIVE below, INTEGER_TOO_LARGE above (what the wire type cannot hold). */
    BigDecimal count(JsonNode parent, String name, String path, boolean required, long max) {
        BigDecimal d = integer(parent, name, path, required);
        if (d == null) {
            return null;
        }
        if (d.signum() < 0) {
            add(path, NEGATIVE, show(d));
            return null;
        }
        if (d.compareTo(BigDecimal.valueOf(max)) > 0) {
            add(path, INTEGER_TOO_LARGE, show(d), max);
            return null;
        }
        return d;
    }

    /**
     * False (TOO_PRECISE recorded) when a value stored as a double would not read back as the digits sent:
     * {@code 0.1} and {@code -110.9613} pass, {@code 29.07290000000000000001} does not.
     */
    boolean exactAsDouble(BigDecimal value, String path) {
        if (value == null) {
            return false;
        }
        double d = value.doubleValue();
        if (Double.isFinite(d) && new BigDecimal(Double.toString(d)).compareTo(value) == 0) {
            return true;
        }
        add(path, TOO_PRECISE, show(value));
        return false;
    }

    Boolean bool(JsonNode parent, String name, String path, boolean required) {
        JsonNode n = member(parent, name, path, required);
        if (n == null) {
            return null;
        }
        if (!n.isBoolean()) {
            addVariant(path, INVALID_TYPE, "boolean", show(n));
            return null;
        }
        return n.booleanValue();
    }

    void notNegative(BigDecimal value, String path) {
        if (value != null && value.signum() < 0) {
            add(path, NEGATIVE, show(value));
        }
    }

    /** False when the value is missing or outside [min, max] (the latter recorded under {@code code}). */
    boolean range(BigDecimal value, double min, double max, String path, String code) {
        if (value == null) {
            return false;
        }
        if (value.compareTo(BigDecimal.valueOf(min)) < 0 || value.compareTo(BigDecimal.valueOf(max)) > 0) {
            add(path, code, show(value));
            return false;
        }
        return true;
    }

    static String child(String parent, String name) {
        return FieldPath.join(parent, name);
    }

    /** How a received value appears in messages: numbers without trailing zeros, long texts cut. */
    static String show(JsonNode n) {
        if (n.isNumber() && Double.isFinite(n.doubleValue())) {
            return show(n.decimalValue());
        }
        String s = n.isTextual() ? n.textValue() : n.toString();
        return cut(s);
    }

    static String show(BigDecimal d) {
        if (plainLength(d) > SHOWN_CHARS) {
            // 1e999999999 written out in full would be a billion characters.
            return cut(d.toString());
        }
        String s = d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
        return cut(s);
    }

    /** Characters of {@code d} written without exponent (sign and point included), computed without writing it. */
    static long plainLength(BigDecimal d) {
        long digits = d.precision();
        long scale = d.scale();
        long length = scale <= 0 ? digits - scale : Math.max(digits, scale + 1) + 1;
        return length + (d.signum() < 0 ? 1 : 0);
    }

    private static String cut(String s) {
        return s.length() <= SHOWN_CHARS ? s : s.substring(0, SHOWN_CHARS) + "…";
    }
}
