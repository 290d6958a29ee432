package mx.implan.brujula.model.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Random;
import mx.implan.brujula.model.json.WireJson;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.erdtman.jcs.JsonCanonicalizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JcsTest {

    private static final ObjectMapper JSON = WireJson.strict();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static String canon(String json) throws Exception {
        return Jcs.canonicalize(JSON.readTree(json));
    }

    /** RFC 8785 section 3.2.2 (sample input and its canonical output). */
    @Test
    void rfcSampleCanonicalization() throws Exception {
        String input = """
                {
                  "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
                  "string": "\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\"\\/",
                  "literals": [null, true, false]
                }
                """;
        assertThat(canon(input)).isEqualTo(
                "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                        + "\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
    }

    /** RFC 8785 section 3.2.3: property sorting by UTF-16 code units. */
    @Test
    void rfcSortingExample() throws Exception {
        String input = """
                {
                  "\\u20ac": "Euro Sign",
                  "\\r": "Carriage Return",
                  "\\ufb33": "Hebrew Letter Dalet With Dagesh",
                  "1": "One",
                  "\\ud83d\\ude00": "Emoji: Grinning Face",
                  "\\u0080": "Control",
                  "\\u00f6": "Latin Small Letter O With Diaeresis"
                }
                """;
        JsonNode sorted = JSON.readTree(canon(input));
        assertThat(sorted.properties()).extracting(e -> e.getValue().asText()).containsExactly(
                "Carriage Return", "One", "Control", "Latin Small Letter O With Diaeresis", "Euro Sign",
                "Emoji: Grinning Face", "Hebrew Letter Dalet With Dagesh");
        // U+1F600 (surrogates D83D DE00) sorts before U+FB33 only under UTF-16 ordering, not code points.
        assertThat(canon(input)).contains("\"\uD83D\uDE00\":\"Emoji: Grinning Face\",\"\uFB33\"");
    }

    /** RFC 8785 appendix B: IEEE-754 bit patterns and their ECMAScript serialization. */
    @ParameterizedTest
    @CsvSource({
            "0000000000000000, 0",
            "8000000000000000, 0",
            "0000000000000001, 5e-324",
            "8000000000000001, -5e-324",
            "7fefffffffffffff, 1.7976931348623157e+308",
            "ffefffffffffffff, -1.7976931348623157e+308",
            "4340000000000000, 9007199254740992",
            "c340000000000000, -9007199254740992",
            "4430000000000000, 295147905179352830000",
            "44b52d02c7e14af5, 9.999999999999997e+22",
            "44b52d02c7e14af6, 1e+23",
            "44b52d02c7e14af7, 1.0000000000000001e+23",
            "444b1ae4d6e2ef4e, 999999999999999700000",
            "444b1ae4d6e2ef4f, 999999999999999900000",
            "444b1ae4d6e2ef50, 1e+21",
            "3eb0c6f7a0b5ed8c, 9.999999999999997e-7",
            "3eb0c6f7a0b5ed8d, 0.000001",
            "41b3de4355555553, 333333333.3333332",
            "41b3de4355555554, 333333333.33333325",
            "41b3de4355555555, 333333333.3333333",
            "41b3de4355555556, 333333333.3333334",
            "41b3de4355555557, 333333333.33333343",
            "becbf647612f3696, -0.0000033333333333333333",
            "43143ff3c1cb0959, 1424953923781206.2",
    })
    void rfcNumberExamples(String bits, String expected) {
        double d = Double.longBitsToDouble(Long.parseUnsignedLong(bits, 16));
        assertThat(Jcs.canonicalize(DoubleNode.valueOf(d))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"1e30, 1e+30", "4.50, 4.5", "0.000001, 0.000001", "0.0000001, 1e-7", "1e21, 1e+21",
            "1e20, 100000000000000000000", "-0.0, 0", "100, 100", "2.0, 2", "123e-20, 1.23e-18"})
    void numberEdgeCasesThroughJacksonTree(String json, String expected) throws Exception {
        assertThat(canon(json)).isEqualTo(expected);
    }

    @Test
    void rejectsWhatHasNoCanonicalForm() {
        assertThatThrownBy(() -> Jcs.canonicalize(DoubleNode.valueOf(Double.NaN)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Jcs.canonicalize(DoubleNode.valueOf(Double.POSITIVE_INFINITY)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Jcs.canonicalize(TextNode.valueOf("a\uD800b")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void escapesOnlyWhatJsonRequires() {
        String s = "\u0000\u001f\u007f\u2028\t\"\\/é";
        assertThat(Jcs.canonicalize(TextNode.valueOf(s))).isEqualTo("\"\\u0000\\u001f\u007f\u2028\\t\\\"\\\\/é\"");
    }

    /** Values the RFC's examples and ECMA-262 pin down, and subnormals the RFC authors' Java formatter got wrong. */
    @Example
    void numbersAtTheEdgesOfEveryLayout() {
        assertThat(Jcs.number(1e-320)).isEqualTo("1e-320");
        assertThat(Jcs.number(5e-324)).isEqualTo("5e-324");
        assertThat(Jcs.number(-1.23e-320)).isEqualTo("-1.23e-320");
        assertThat(Jcs.number(1e21)).isEqualTo("1e+21");
        assertThat(Jcs.number(1e20)).isEqualTo("100000000000000000000");
        assertThat(Jcs.number(0.000001)).isEqualTo("0.000001");
        assertThat(Jcs.number(1e-7)).isEqualTo("1e-7");
        assertThat(Jcs.number(-0.5)).isEqualTo("-0.5");
        assertThat(Jcs.number(-0.0)).isEqualTo("0");
        assertThat(Jcs.number(333333333.3333333)).isEqualTo("333333333.3333333");
        assertThat(Jcs.number(Double.MAX_VALUE)).isEqualTo("1.7976931348623157e+308");
        assertThat(Jcs.number(4.5)).isEqualTo("4.5");
        assertThat(Jcs.number(-110.9613)).isEqualTo("-110.9613");
    }

    /** Independent reference: shortest round-tripping digits (closest, then even), laid out per ECMA-262. */
    @Property(tries = 3000)
    void numbersMatchTheEcmaScriptAlgorithm(@ForAll("doubles") double d) {
        assertThat(Jcs.number(d)).isEqualTo(ecmaScript(d));
    }

    /** The tree walk (sorting, escaping, nesting) agrees with the RFC authors' canonicalizer on random documents. */
    @Property(tries = 500)
    void treeWalkAgreesWithReferenceImplementation(@ForAll long seed) throws Exception {
        // The reference implementation only accepts an object at the top level.
        ObjectNode tree = NODES.objectNode().set("v", randomTree(new Random(seed), 0));
        String reference = new JsonCanonicalizer(JSON.writeValueAsString(tree)).getEncodedString();
        assertThat(Jcs.canonicalize(tree)).isEqualTo(reference);
    }

    @Provide
    Arbitrary<Double> doubles() {
        return Arbitraries.oneOf(
                Arbitraries.longs().map(Double::longBitsToDouble).filter(Double::isFinite),
                Arbitraries.doubles(),
                Arbitraries.integers().between(-30, 30).flatMap(e ->
                        Arbitraries.integers().between(1, 999_999).map(m -> m * Math.pow(10, e))));
    }

    static String ecmaScript(double d) {
        if (d == 0) {
            return "0";
        }
        if (d < 0) {
            return "-" + ecmaScript(-d);
        }
        BigDecimal exact = new BigDecimal(d);
        BigDecimal best = null;
        for (int p = 1; p <= 17 && best == null; p++) {
            BigDecimal lo = exact.round(new MathContext(p, RoundingMode.FLOOR));
            BigDecimal hi = exact.round(new MathContext(p, RoundingMode.CEILING));
            boolean loOk = lo.doubleValue() == d;
            boolean hiOk = hi.doubleValue() == d;
            if (loOk && hiOk) {
                int cmp = exact.subtract(lo).compareTo(hi.subtract(exact));
                best = cmp < 0 ? lo : cmp > 0 ? hi : (lo.unscaledValue().testBit(0) ? hi : lo);
            } else if (loOk) {
                best = lo;
            } else if (hiOk) {
                best = hi;
            }
        }
        BigDecimal s = best.stripTrailingZeros();
        String digits = s.unscaledValue().toString();
        int k = digits.length();
        int n = k - s.scale();
        if (k <= n && n <= 21) {
            return digits + "0".repeat(n - k);
        }
        if (0 < n && n <= 21) {
            return digits.substring(0, n) + "." + digits.substring(n);
        }
        if (-6 < n && n <= 0) {
            return "0." + "0".repeat(-n) + digits;
        }
        int e = n - 1;
        String mantissa = k == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return mantissa + "e" + (e < 0 ? "-" : "+") + Math.abs(e);
    }

    private static final String[] SAMPLES = {"a", "b", "é", "€", "\uD83D\uDE00", "\uFB33", "\r", "\n", "\u0001",
            "\"", "\\", "/", "1", "A", "z", "\u0080", "ñ", " "};

    private static String randomString(Random r) {
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(6);
        for (int i = 0; i < n; i++) {
            sb.append(SAMPLES[r.nextInt(SAMPLES.length)]);
        }
        return sb.toString();
    }

    private static JsonNode randomTree(Random r, int depth) {
        int pick = depth >= 3 ? 2 + r.nextInt(5) : r.nextInt(7);
        switch (pick) {
            case 0 -> {
                ObjectNode o = NODES.objectNode();
                int n = r.nextInt(5);
                for (int i = 0; i < n; i++) {
                    o.set(randomString(r), randomTree(r, depth + 1));
                }
                return o;
            }
            case 1 -> {
                ArrayNode a = NODES.arrayNode();
                int n = r.nextInt(5);
                for (int i = 0; i < n; i++) {
                    a.add(randomTree(r, depth + 1));
                }
                return a;
            }
            case 2 -> {
                return TextNode.valueOf(randomString(r));
            }
            case 3 -> {
                double d = Double.longBitsToDouble(r.nextLong());
                // Subnormals are left to numbersMatchTheEcmaScriptAlgorithm: the reference prints some wrongly.
                boolean usable = Double.isFinite(d) && (d == 0 || Math.abs(d) >= Double.MIN_NORMAL);
                return DoubleNode.valueOf(usable ? d : r.nextDouble() * 1e6);
            }
            case 4 -> {
                return NODES.numberNode(r.nextInt());
            }
            case 5 -> {
                return NODES.booleanNode(r.nextBoolean());
            }
            default -> {
                return NODES.nullNode();
            }
        }
    }
}
