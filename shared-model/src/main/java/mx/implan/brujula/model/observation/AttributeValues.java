package mx.implan.brujula.model.observation;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Lenient readers for attribute maps: a missing or malformed value reads as null (validation reports it). */
final class AttributeValues {

    private AttributeValues() {
    }

    static <E extends Enum<E>> E enumValue(Map<String, ?> map, String key, Class<E> type) {
        Object v = map == null ? null : map.get(key);
        if (type.isInstance(v)) {
            return type.cast(v);
        }
        if (v instanceof String s) {
            for (E e : type.getEnumConstants()) {
                if (e.name().equals(s)) {
                    return e;
                }
            }
        }
        return null;
    }

    static Integer intValue(Map<String, ?> map, String key) {
        BigDecimal d = decimal(map, key);
        if (d == null) {
            return null;
        }
        try {
            return d.intValueExact();
        } catch (ArithmeticException e) {
            return null;
        }
    }

    static BigDecimal decimal(Map<String, ?> map, String key) {
        Object v = map == null ? null : map.get(key);
        if (v instanceof BigDecimal b) {
            return b;
        }
        if (v instanceof Number n) {
            double d = n.doubleValue();
            return Double.isFinite(d) ? new BigDecimal(n.toString()) : null;
        }
        return null;
    }

    static Boolean boolValue(Map<String, ?> map, String key) {
        Object v = map == null ? null : map.get(key);
        return v instanceof Boolean b ? b : null;
    }

    static String text(Map<String, ?> map, String key) {
        Object v = map == null ? null : map.get(key);
        return v instanceof String s ? s : null;
    }

    static UUID uuid(Map<String, ?> map, String key) {
        Object v = map == null ? null : map.get(key);
        if (v instanceof UUID u) {
            return u;
        }
        if (v instanceof String s) {
            try {
                return UUID.fromString(s);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }

    /** Builds the wire map, skipping nulls and writing enums and UUIDs as strings. */
    static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            Object v = keyValues[i + 1];
            if (v instanceof Enum<?> e) {
                v = e.name();
            } else if (v instanceof UUID u) {
                v = u.toString();
            }
            if (v != null) {
                m.put((String) keyValues[i], v);
            }
        }
        return m;
    }
}
