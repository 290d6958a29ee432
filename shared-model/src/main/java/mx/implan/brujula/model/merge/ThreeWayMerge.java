package mx.implan.brujula.model.merge;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import mx.implan.brujula.model.observation.Observation;

/**
 * Field-by-field three-way merge of a device edit ({@code mine}, made on top of {@code base}) with the server's
 * current revision. Per field: changed only by mine → mine; only by the server → server; by both to the same
 * value → fine; by both to different values → conflict. Status and server-stamped fields always come from the
 * server, so supervisor triage never makes a field edit conflict.
 */
public final class ThreeWayMerge {

    private ThreeWayMerge() {
    }

    public static MergeResult merge(Observation base, Observation server, Observation mine) {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(mine, "mine");
        Map<String, JsonNode> b = ObservationFields.flatten(base);
        Map<String, JsonNode> s = ObservationFields.flatten(server);
        Map<String, JsonNode> m = ObservationFields.flatten(mine);
        Set<String> fields = new LinkedHashSet<>(ObservationFields.FIELDS);
        fields.addAll(b.keySet());
        fields.addAll(s.keySet());
        fields.addAll(m.keySet());

        List<String> conflicts = new ArrayList<>();
        if (mine.kind() != null && server.kind() != mine.kind()) {
            conflicts.add("kind"); // immutable; a device cannot change it
        }
        Observation.Builder merged = server.toBuilder();
        Map<String, Object> attributes = new LinkedHashMap<>(server.attributesOrEmpty());
        for (String field : fields) {
            boolean mineChanged = !ObservationFields.sameValue(b.get(field), m.get(field));
            boolean serverChanged = !ObservationFields.sameValue(b.get(field), s.get(field));
            if (mineChanged && !serverChanged) {
                ObservationFields.copy(field, mine, merged, attributes);
            } else if (mineChanged && !ObservationFields.sameValue(s.get(field), m.get(field))) {
                conflicts.add(field);
            }
        }
        boolean noAttributes = server.attributes() == null && attributes.isEmpty();
        merged.attributes(noAttributes ? null : attributes)
                // The merged copy is this write of the device, based on the server's revision.
                .opId(mine.opId() != null ? mine.opId() : server.opId())
                .deviceId(mine.deviceId() != null ? mine.deviceId() : server.deviceId())
                .baseRev(server.rev())
                .resolution(null);
        return new MergeResult(merged.build(), conflicts);
    }

    /**
     * {@code merged} with {@code mine}'s value for each of {@code fields} (e.g. the conflicting fields of a
     * merge, when the author keeps their version). Fields a device cannot edit (kind) stay as merged; an
     * attribute absent in {@code mine} is removed.
     */
    public static Observation overlay(Observation merged, Observation mine, List<String> fields) {
        Objects.requireNonNull(merged, "merged");
        Objects.requireNonNull(mine, "mine");
        Observation.Builder b = merged.toBuilder();
        Map<String, Object> attributes = new LinkedHashMap<>(merged.attributesOrEmpty());
        for (String field : fields) {
            if (field.startsWith(ObservationFields.ATTRIBUTE_PREFIX) || ObservationFields.FIELDS.contains(field)) {
                ObservationFields.copy(field, mine, b, attributes);
            }
        }
        return b.attributes(attributes.isEmpty() && merged.attributes() == null ? null : attributes).build();
    }
}
