package mx.implan.brujula.model.hash;

import com.fasterxml.jackson.core.io.NumberOutput;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * RFC 8785 JSON Canonicalization Scheme over a Jackson tree: no whitespace, object keys sorted by UTF-16
 * code units ({@link String#compareTo} order), strings with the minimal JSON escapes, numbers as IEEE-754
 * doubles in ECMAScript {@code Number.prototype.toString} form: the shortest digits that read back as the
 * same double (Jackson's Schubfach writer), laid out by the ECMAScript rules. (The RFC authors' Java
 * formatter prints some subnormal doubles wrongly, e.g. 1e-320 as {@code 0.000…1e-178}.)
 */
public final class Jcs {

    private Jcs() {
    }

    /**
     * @throws IllegalArgumentException for non-finite numbers, lone surrogates or non-JSON nodes
     *                                  (such input has no canonical form)
     */
    public static String canonicalize(JsonNode node) {
        StringBuilder out = new StringBuilder();
        write(node, out);
        return out.toString();
    }

    private static void write(JsonNode node, StringBuilder out) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                List<String> keys = new ArrayList<>(node.size());
                for (Map.Entry<String, JsonNode> e : node.properties()) {
                    keys.add(e.getKey());
                }
                keys.sort(null); // String order = UTF-16 code unit order, as RFC 8785 requires
                out.append('{');
                for (int i = 0; i < keys.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    string(keys.get(i), out);
                    out.append(':');
                    write(node.get(keys.get(i)), out);
                }
                out.append('}');
            }
            case ARRAY -> {
                out.append('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(node.get(i), out);
                }
                out.append(']');
            }
            case STRING -> string(node.textValue(), out);
            case NUMBER -> out.append(number(node.doubleValue()));
            case BOOLEAN -> out.append(node.booleanValue());
            case NULL -> out.append("null");
            case BINARY -> string(node.asText(), out); // Jackson's own JSON form: base64 text
            default -> throw new IllegalArgumentException("no canonical JSON for node type " + node.getNodeType());
        }
    }

    /** ECMAScript number-to-string of a finite double (−0 prints as 0). */
    public static String number(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("JSON has no representation for " + value);
        }
        if (value == 0) {
            return "0";
        }
        String sign = value < 0 ? "-" : "";
        // Java's layout of the shortest round-tripping digits, e.g. "123.45", "1.0E-320", "1.2345E10".
        String java = NumberOutput.toString(Math.abs(value), true);
        int e = java.indexOf('E');
        String mantissa = e < 0 ? java : java.substring(0, e);
        int exponent = e < 0 ? 0 : Integer.parseInt(java.substring(e + 1));
        int dot = mantissa.indexOf('.');
        String fraction = dot < 0 ? "" : mantissa.substring(dot + 1);
        String all = (dot < 0 ? mantissa : mantissa.substring(0, dot)) + fraction;
        // value = digits × 10^(n − k), digits without leading or trailing zeros (ECMA-262 Number::toString).
        int firstNonZero = 0;
        while (all.charAt(firstNonZero) == '0') {
            firstNonZero++;
        }
        int end = all.length();
        while (all.charAt(end - 1) == '0') {
            end--;
        }
        String digits = all.substring(firstNonZero, end);
        int k = digits.length();
        int n = exponent - fraction.length() + (all.length() - end) + k;
        if (k == 2) {
            // Java writes at least two digits where one would do (4.9E-324); ECMAScript wants the one.
            String one = oneDigit(Math.abs(value), digits, n);
            if (one != null) {
                n += one.length() - 1;
                digits = one.substring(0, 1);
                k = 1;
            }
        }
        if (k <= n && n <= 21) {
            return sign + digits + "0".repeat(n - k);
        }
        if (0 < n && n <= 21) {
            return sign + digits.substring(0, n) + "." + digits.substring(n);
        }
        if (-6 < n && n <= 0) {
            return sign + "0." + "0".repeat(-n) + digits;
        }
        int shown = n - 1;
        String lead = k == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return sign + lead + "e" + (shown < 0 ? "-" : "+") + Math.abs(shown);
    }

    /**
     * The one-digit decimal that reads back as {@code value} (the closer of the two around
     * {@code digits}, the even one on a tie), or null: "10" when rounding up carries into a new digit.
     */
    private static String oneDigit(double value, String digits, int n) {
        int first = digits.charAt(0) - '0';
        java.math.BigDecimal exact = new java.math.BigDecimal(value);
        String best = null;
        java.math.BigDecimal bestDistance = null;
        for (int candidate : new int[]{first, first + 1}) {
            String text = Integer.toString(candidate);
            java.math.BigDecimal decimal = new java.math.BigDecimal(java.math.BigInteger.valueOf(candidate), 1 - n);
            if (decimal.doubleValue() != value) {
                continue;
            }
            java.math.BigDecimal distance = decimal.subtract(exact).abs();
            int cmp = bestDistance == null ? -1 : distance.compareTo(bestDistance);
            if (cmp < 0 || (cmp == 0 && candidate % 2 == 0)) {
                best = text;
                bestDistance = distance;
            }
        }
        return best;
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        // Would become '?' in UTF-8 and collide with other strings.
                        throw new IllegalArgumentException("lone surrogate in string at index " + i);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
