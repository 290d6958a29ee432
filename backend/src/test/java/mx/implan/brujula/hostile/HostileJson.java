package mx.implan.brujula.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * jqwik generators that damage a valid JSON body: a hostile value in place of any member or element, a key given
 * twice, unknown and server-stamped members, bad geometries and dates, and damage to the bytes themselves (BOM,
 * UTF-16, garbage after the value, truncation, nesting, size). A mutation is applied to a fresh copy of the base.
 */
final class HostileJson {

    /** A named damage; {@code apply} gets a copy of the base and answers the bytes to send. */
    record Mutation(String name, BiFunction<ObjectNode, Integer, byte[]> damage, int selector) {
        byte[] apply(ObjectNode base) {
            return damage.apply(base.deepCopy(), selector);
        }

        @Override
        public String toString() {
            return name + "@" + selector;
        }
    }

    private static final String MARK = "@@hostile-raw@@";
    private static final String DUP = "@@hostile-dup@@";

    static final List<String> VALUES = List.of(
            "NaN", "Infinity", "-Infinity", "123456789012345678901234567890", "-9223372036854775809", "1e400", "1.5",
            "-0", "0", "-1", "12345678901", "null", "true", "false", "\"false\"", "\"NaN\"", "\"12\"", "\"\"", "{}", "[]",
            "[1,2]", "{\"a\":1}", "\"" + "x".repeat(5_000) + "\"", "\"\\u0000\"", "\"nul\\u0000nul\"", "\"\\ud800\"",
            "\"x\\udc00y\"", "\"NOT_AN_ENUM\"", "\"verified\"", "\"../../etc/passwd\"", "\"' OR '1'='1\"",
            "\"0001-01-01T00:00:00Z\"", "\"-999999999-01-01T00:00:00Z\"", "\"+999999999-12-31T23:59:59Z\"",
            "\"2026-02-30T00:00:00Z\"", "\"not-a-uuid\"", "\"00000000-0000-0000-0000-000000000000\"",
            nested(150), nestedObjects(60));

    static final List<String> DATES = List.of("\"0001-01-01T00:00:00Z\"", "\"-999999999-01-01T00:00:00Z\"",
            "\"+999999999-12-31T23:59:59Z\"", "\"1899-12-31T23:59:59Z\"", "\"2101-01-01T00:00:00Z\"",
            "\"2026-13-01T00:00:00Z\"", "\"2026-01-01T25:00:00Z\"", "\"2026-01-01\"", "\"0001-01-01\"",
            "\"+999999999-12-31\"", "\"01/02/2026\"", "\"2026-01-01T00:00:00+25:00\"", "1767225600", "\"\"");

    static final List<String> GEOMETRIES = List.of(
            "{\"type\":\"LineString\",\"coordinates\":[[0,0],[180,0]]}",
            "{\"type\":\"LineString\",\"coordinates\":[[179.5,0],[-179.5,0]]}",
            "{\"type\":\"LineString\",\"coordinates\":[[0,90],[0,-90]]}",
            "{\"type\":\"Polygon\",\"coordinates\":[[[-180,-90],[180,-90],[180,90],[-180,90],[-180,-90]]]}",
            "{\"type\":\"Polygon\",\"coordinates\":[[[-90,-90],[90,-90],[90,90],[-90,90],[-90,-90]]]}",
            "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,1],[1,0],[0,1],[0,0]]]}",
            "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,1]]]}",
            "{\"type\":\"Point\",\"coordinates\":[-110.9613,29.0729,100]}",
            "{\"type\":\"Point\",\"coordinates\":[-110.9613,29.0729],\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:3857\"}}}",
            "{\"type\":\"Point\",\"coordinates\":[-110.9613,29.0729],\"crs\":\"EPSG:4326\"}",
            "{\"type\":\"Point\",\"coordinates\":[NaN,29.0729]}",
            "{\"type\":\"Point\",\"coordinates\":[1e400,29.0729]}",
            "{\"type\":\"Point\",\"coordinates\":[-110.96130000000000000001,29.0729]}",
            "{\"type\":\"Point\",\"coordinates\":[\"-110.9613\",\"29.0729\"]}",
            "{\"type\":\"Point\",\"coordinates\":[]}", "{\"type\":\"Point\"}", "{\"type\":\"Point\",\"coordinates\":null}",
            "{\"type\":\"Point\",\"coordinates\":[[-110.9613,29.0729]]}",
            "{\"type\":\"GeometryCollection\",\"geometries\":[]}", "{\"type\":\"Circle\",\"coordinates\":[0,0]}",
            "{\"type\":\"Point\",\"coordinates\":[-200,95]}", "{\"coordinates\":[-110.9613,29.0729]}",
            manyVertices(6_000));

    private HostileJson() {
    }

    /** Every kind of damage, for bodies that are JSON objects. */
    static Arbitrary<Mutation> mutations() {
        return Arbitraries.oneOf(treeMutations(), byteMutations());
    }

    /** Damage inside the value only: the result is still one JSON text (used on push items). */
    static Arbitrary<Mutation> treeMutations() {
        Arbitrary<Integer> selector = Arbitraries.integers().between(0, 10_000);
        Arbitrary<Mutation> replace = Combinators.combine(Arbitraries.of(VALUES), selector)
                .as((raw, s) -> new Mutation("replace with " + abbreviate(raw), (o, i) -> replace(o, i, raw), s));
        Arbitrary<Mutation> duplicate = selector.map(s -> new Mutation("duplicate key", HostileJson::duplicate, s));
        Arbitrary<Mutation> unknown = Combinators.combine(Arbitraries.of(VALUES), selector)
                .as((raw, s) -> new Mutation("unknown member " + abbreviate(raw), (o, i) -> addMember(o, i, "zzUnknown", raw), s));
        Arbitrary<Mutation> stamped = Combinators.combine(
                Arbitraries.of("author", "rev", "status", "receivedAt", "flags", "areaM2", "missingPhotos", "id", "createdAt"),
                Arbitraries.of("\"x\"", "1", "[\"CLOCK_SKEW\"]", "{\"a\":1}", "null", "NaN"), selector)
                .as((k, raw, s) -> new Mutation("server member " + k + "=" + raw, (o, i) -> addMember(o, 0, k, raw), s));
        Arbitrary<Mutation> geometry = Arbitraries.of(GEOMETRIES)
                .map(g -> new Mutation("geometry " + abbreviate(g), (o, i) -> replaceNamed(o, "geometry", g), 0));
        Arbitrary<Mutation> date = Combinators.combine(Arbitraries.of(DATES), selector)
                .as((d, s) -> new Mutation("date " + d, (o, i) -> replaceDate(o, i, d), s));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, replace), net.jqwik.api.Tuple.of(2, duplicate), net.jqwik.api.Tuple.of(1, unknown),
                net.jqwik.api.Tuple.of(1, stamped), net.jqwik.api.Tuple.of(2, geometry), net.jqwik.api.Tuple.of(2, date));
    }

    /** Damage to the bytes of the whole body. */
    static Arbitrary<Mutation> byteMutations() {
        Arbitrary<Integer> selector = Arbitraries.integers().between(0, 10_000);
        return Arbitraries.oneOf(
                Arbitraries.just(new Mutation("BOM", (o, i) -> concat(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8(o.toString())), 0)),
                Arbitraries.just(new Mutation("UTF-16", (o, i) -> o.toString().getBytes(StandardCharsets.UTF_16), 0)),
                Arbitraries.just(new Mutation("UTF-16LE", (o, i) -> o.toString().getBytes(StandardCharsets.UTF_16LE), 0)),
                Arbitraries.of("x", "}", "{}", " 1", "\u0000", "]", "\n{\"a\":1}", "garbage")
                        .map(g -> new Mutation("trailing " + g, (o, i) -> utf8(o.toString() + g), 0)),
                selector.map(s -> new Mutation("truncated", (o, i) -> truncate(o.toString(), i), s)),
                Arbitraries.just(new Mutation("empty", (o, i) -> new byte[0], 0)),
                Arbitraries.of("[]", "\"text\"", "42", "null", "[{}]", "true")
                        .map(t -> new Mutation("top-level " + t, (o, i) -> utf8(t), 0)),
                Arbitraries.just(new Mutation("nested 2000", (o, i) -> utf8(nested(2_000)), 0)),
                Arbitraries.just(new Mutation("latin-1 bytes", (o, i) -> o.toString().replace("\"}", "ñ\"}")
                        .getBytes(StandardCharsets.ISO_8859_1), 0)),
                Arbitraries.just(new Mutation("invalid UTF-8", (o, i) -> concat(utf8(o.toString().substring(0, 2)),
                        concat(new byte[]{(byte) 0xC3, (byte) 0x28, (byte) 0xFF}, utf8(o.toString().substring(2)))), 0)),
                Arbitraries.just(new Mutation("1.5 MiB string", (o, i) -> {
                    o.put("zzHuge", "x".repeat(1_572_864));
                    return utf8(o.toString());
                }, 0)));
    }

    static byte[] replace(ObjectNode root, int selector, String raw) {
        List<Slot> slots = slots(root);
        slots.get(selector % slots.size()).set(MARK);
        return withRaw(root, raw);
    }

    static byte[] replaceNamed(ObjectNode root, String name, String raw) {
        List<Slot> named = slots(root).stream().filter(s -> name.equals(s.key)).toList();
        if (named.isEmpty()) {
            root.put(name, MARK);
        } else {
            named.get(0).set(MARK);
        }
        return withRaw(root, raw);
    }

    static byte[] replaceDate(ObjectNode root, int selector, String raw) {
        List<Slot> dates = slots(root).stream().filter(s -> s.value().isTextual()
                && s.value().asText().matches("\\d{4}-\\d{2}-\\d{2}.*")).toList();
        if (dates.isEmpty()) {
            return replace(root, selector, raw);
        }
        dates.get(selector % dates.size()).set(MARK);
        return withRaw(root, raw);
    }

    static byte[] duplicate(ObjectNode root, int selector) {
        List<Slot> members = slots(root).stream().filter(s -> s.key != null).toList();
        Slot slot = members.get(selector % members.size());
        JsonNode original = slot.value();
        String second = original.isTextual() ? "\"other\"" : original.isNumber() ? "\"1\"" : "1";
        ((ObjectNode) slot.parent).put(slot.key + DUP, MARK);
        return utf8(root.toString().replace("\"" + slot.key + DUP + "\"", "\"" + slot.key + "\"")
                .replace("\"" + MARK + "\"", second));
    }

    static byte[] addMember(ObjectNode root, int selector, String key, String raw) {
        List<ObjectNode> objects = new ArrayList<>();
        objects.add(root);
        slots(root).stream().filter(s -> s.value().isObject()).forEach(s -> objects.add((ObjectNode) s.value()));
        objects.get(selector % objects.size()).put(key, MARK);
        return withRaw(root, raw);
    }

    /** A place holding a value: a member of an object or an element of an array. */
    record Slot(JsonNode parent, String key, int index) {
        JsonNode value() {
            return key != null ? parent.get(key) : parent.get(index);
        }

        void set(String text) {
            if (key != null) {
                ((ObjectNode) parent).put(key, text);
            } else {
                ((ArrayNode) parent).set(index, ((ArrayNode) parent).textNode(text));
            }
        }
    }

    static List<Slot> slots(JsonNode node) {
        List<Slot> out = new ArrayList<>();
        collect(node, out);
        return out;
    }

    private static void collect(JsonNode node, List<Slot> out) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                out.add(new Slot(node, name, -1));
                collect(node.get(name), out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                out.add(new Slot(node, null, i));
                collect(node.get(i), out);
            }
        }
    }

    private static byte[] withRaw(ObjectNode root, String raw) {
        return utf8(root.toString().replace("\"" + MARK + "\"", raw));
    }

    private static byte[] truncate(String text, int selector) {
        int cut = 1 + selector % Math.max(1, text.length() - 1);
        return utf8(text.substring(0, cut));
    }

    static String nested(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    static String nestedObjects(int depth) {
        return "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
    }

    private static String manyVertices(int n) {
        StringBuilder s = new StringBuilder("{\"type\":\"LineString\",\"coordinates\":[");
        for (int i = 0; i < n; i++) {
            s.append(i == 0 ? "" : ",").append('[').append(-110.9 - i * 1e-5).append(',').append(29.07).append(']');
        }
        return s.append("]}").toString();
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…(" + s.length() + ")" : s;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
