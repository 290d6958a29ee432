package mx.implan.brujula.model.merge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mx.implan.brujula.model.hash.ContentHash;
import mx.implan.brujula.model.observation.Observation;

/**
 * The device-editable fields of an observation as comparable JSON values, one entry per field:
 * {@code geometry, accuracyM, capturedAt, capturedAtPrecision, notes, photos} and {@code attributes.<key>}.
 * An absent key means null. Values are normalised as in the content hash (instants in UTC, photos sorted,
 * an empty photo list = none, a missing precision = INSTANT) so a mere re-encoding never counts as an edit.
 * {@code id} and {@code kind} are immutable; {@code status} and the other server fields are not device edits.
 */
public final class ObservationFields {

    public static final List<String> FIELDS =
            List.of("geometry", "accuracyM", "capturedAt", "capturedAtPrecision", "notes", "photos");
    public static final String ATTRIBUTE_PREFIX = "attributes.";

    /** Numbers compare by value (4 == 4.0); everything else structurally. */
    private static final Comparator<JsonNode> BY_VALUE = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return decimal(a).compareTo(decimal(b));
        }
        return a.equals(b) ? 0 : 1;
    };

    private ObservationFields() {
    }

    public static Map<String, JsonNode> flatten(Observation o) {
        ObjectNode content = ContentHash.content(o);
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        for (String name : FIELDS) {
            JsonNode value = name.equals("capturedAtPrecision")
                    ? TextNode.valueOf(o.precisionOrDefault().name())
                    : content.get(name);
            boolean empty = value == null || (value.isArray() && value.isEmpty());
            if (!empty) {
                fields.put(name, value);
            }
        }
        JsonNode attributes = content.get("attributes");
        if (attributes != null) {
            for (Map.Entry<String, JsonNode> e : attributes.properties()) {
                fields.put(ATTRIBUTE_PREFIX + e.getKey(), e.getValue());
            }
        }
        return fields;
    }

    /** JSON value equality with numbers compared numerically; null-safe. */
    public static boolean sameValue(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.equals(BY_VALUE, b);
    }

    /** Copies one flattened field's value from {@code source} into the builder/attribute map being merged. */
    static void copy(String field, Observation source, Observation.Builder target, Map<String, Object> attributes) {
        if (field.startsWith(ATTRIBUTE_PREFIX)) {
            String key = field.substring(ATTRIBUTE_PREFIX.length());
            Object value = source.attributesOrEmpty().get(key);
            if (value == null) {
                attributes.remove(key);
            } else {
                attributes.put(key, value);
            }
            return;
        }
        switch (field) {
            case "geometry" -> target.geometry(source.geometry());
            case "accuracyM" -> target.accuracyM(source.accuracyM());
            case "capturedAt" -> target.capturedAt(source.capturedAt());
            case "capturedAtPrecision" -> target.capturedAtPrecision(source.capturedAtPrecision());
            case "notes" -> target.notes(source.notes());
            case "photos" -> target.photos(source.photos());
            default -> throw new IllegalArgumentException("not an editable field: " + field);
        }
    }

    private static BigDecimal decimal(JsonNode n) {
        return Double.isFinite(n.doubleValue()) ? n.decimalValue() : BigDecimal.valueOf(Double.MAX_VALUE);
    }
}
