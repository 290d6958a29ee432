package mx.implan.brujula.app.journal;

import mx.implan.brujula.model.merge.MergeResult;
import mx.implan.brujula.model.merge.ThreeWayMerge;
import mx.implan.brujula.model.observation.Observation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Combining versions of one observation on the device (the server's rules, applied locally). */
final class Versions {

    private Versions() {
    }

    /** What the device keeps as its own version of a server copy: the content, without server stamps. */
    static Observation deviceCopy(Observation o) {
        return o == null ? null : o.withoutServerFields().toBuilder().resolution(null).build();
    }

    /**
     * {@code mine} (an edit made on top of {@code base}) carried onto {@code server}: fields only the server
     * changed come from the server, fields I changed come from me — also where both changed, because this is
     * what the user asked for (keep mine) or the newer edit of the device.
     */
    static Observation onTop(Observation base, Observation server, Observation mine) {
        MergeResult merge = ThreeWayMerge.merge(base == null ? server : base, server, mine);
        return overlay(merge.merged(), mine, merge.conflictingFields());
    }

    /** Takes {@code mine}'s value for each named field ({@code notes}, {@code attributes.severity}…). */
    static Observation overlay(Observation merged, Observation mine, List<String> fields) {
        Observation.Builder b = merged.toBuilder();
        Map<String, Object> attributes = new LinkedHashMap<>(merged.attributesOrEmpty());
        for (String field : fields) {
            switch (field) {
                case "geometry" -> b.geometry(mine.geometry());
                case "accuracyM" -> b.accuracyM(mine.accuracyM());
                case "capturedAt" -> b.capturedAt(mine.capturedAt());
                case "capturedAtPrecision" -> b.capturedAtPrecision(mine.capturedAtPrecision());
                case "notes" -> b.notes(mine.notes());
                case "photos" -> b.photos(mine.photos());
                default -> {
                    if (field.startsWith("attributes.")) {
                        String key = field.substring("attributes.".length());
                        Object value = mine.attributesOrEmpty().get(key);
                        if (value == null) {
                            attributes.remove(key);
                        } else {
                            attributes.put(key, value);
                        }
                    }
                }
            }
        }
        return b.attributes(attributes.isEmpty() && merged.attributes() == null ? null : attributes).build();
    }
}
