package mx.implan.brujula.model.validation;

import static mx.implan.brujula.model.validation.ValidationCodes.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Map;
import mx.implan.brujula.model.FieldPath;
import mx.implan.brujula.model.Limits;

/**
 * Bounds every item meets whatever its fields, known or unknown: size as compact JSON, members per object, nesting
 * depth, length of every string, member name and number, and no U+0000 anywhere. One walk over the tree; a
 * hostile item (9 MiB in one value, 10,000 keys, 500 levels) is refused field by field instead of being stored.
 */
final class ItemBounds {

    private final Checks checks;
    private long bytes;

    private ItemBounds(Checks checks) {
        this.checks = checks;
    }

    static void check(Checks checks, JsonNode item) {
        ItemBounds bounds = new ItemBounds(checks);
        bounds.walk(item, "", 1);
        if (bounds.bytes > Limits.MAX_ITEM_BYTES) {
            checks.add("", ITEM_TOO_LARGE, Limits.MAX_ITEM_BYTES, bounds.bytes);
        }
    }

    private void walk(JsonNode node, String path, int depth) {
        if (node.isContainerNode() && depth > Limits.MAX_DEPTH) {
            checks.add(path, TOO_DEEP, Limits.MAX_DEPTH);
            bytes += 2;
            return;
        }
        if (node.isObject()) {
            object(node, path, depth);
        } else if (node.isArray()) {
            bytes += 2 + Math.max(0, node.size() - 1);
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), FieldPath.index(path, i), depth + 1);
            }
        } else if (node.isTextual()) {
            string(node.textValue(), path, path.startsWith("attributes.") ? Limits.MAX_ATTRIBUTE_TEXT : Limits.MAX_STRING);
        } else if (node.isNumber()) {
            number(node, path);
        } else {
            bytes += node.isBoolean() ? 5 : 4;
        }
    }

    private void object(JsonNode node, String path, int depth) {
        if (node.size() > Limits.MAX_KEYS) {
            checks.add(path, TOO_MANY_KEYS, Limits.MAX_KEYS, node.size());
        }
        bytes += 2 + Math.max(0, node.size() - 1);
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String key = e.getKey();
            bytes += 1;
            if (key.indexOf('\u0000') >= 0) {
                // The key itself cannot name a path: the violation goes to the object holding it.
                checks.add(path, INVALID_CHARACTER);
                bytes += utf8Length(key) + 2;
                continue;
            }
            String child = FieldPath.join(path, key);
            if (key.length() > Limits.MAX_KEY && key.codePointCount(0, key.length()) > Limits.MAX_KEY) {
                checks.add(child, TOO_LONG, Limits.MAX_KEY, key.codePointCount(0, key.length()));
            }
            bytes += utf8Length(key) + 2;
            walk(e.getValue(), child, depth + 1);
        }
    }

    private void string(String s, String path, int max) {
        bytes += utf8Length(s) + 2;
        if (s.indexOf('\u0000') >= 0) {
            checks.add(path, INVALID_CHARACTER);
        }
        if (s.length() > max) {
            int length = s.codePointCount(0, s.length());
            if (length > max) {
                checks.add(path, TOO_LONG, max, length);
            }
        }
    }

    private void number(JsonNode n, String path) {
        long length;
        if (n.isBigDecimal()) {
            length = Checks.plainLength(n.decimalValue());
        } else if (n.isBigInteger()) {
            length = n.bigIntegerValue().abs().toString().length() + (n.bigIntegerValue().signum() < 0 ? 1 : 0);
        } else if (n.isFloatingPointNumber()) {
            length = Double.isFinite(n.doubleValue()) ? Checks.plainLength(BigDecimal.valueOf(n.doubleValue())) : 3;
        } else {
            length = Long.toString(n.longValue()).length();
        }
        if (length > Limits.MAX_NUMBER_LENGTH) {
            checks.add(path, NUMBER_TOO_LONG, Limits.MAX_NUMBER_LENGTH);
            // As sent it may be short (1e999999999): the size counts the text, not the value written out.
            length = Math.min(length, n.isBigDecimal() ? n.decimalValue().toString().length() : length);
        }
        bytes += length;
    }

    /** Bytes of {@code s} in UTF-8 (a surrogate pair is 4). */
    private static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            n += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
        }
        return n;
    }
}
