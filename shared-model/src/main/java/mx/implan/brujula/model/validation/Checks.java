package mx.implan.brujula.model.validation;

import static mx.implan.brujula.model.validation.ValidationCodes.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import mx.implan.brujula.model.FieldPath;
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
        if (violations.size() < MAX_VIOLATIONS) {
            violations.add(Violation.of(field, code, args));
        }
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
        try {
            return OffsetDateTime.parse(n.textValue());
        } catch (DateTimeParseException e) {
            add(path, INVALID_DATETIME, show(n));
            return null;
        }
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
        String s = d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
        return cut(s);
    }

    private static String cut(String s) {
        return s.length() <= SHOWN_CHARS ? s : s.substring(0, SHOWN_CHARS) + "…";
    }
}
