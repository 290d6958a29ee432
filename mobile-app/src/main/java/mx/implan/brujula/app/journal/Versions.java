package mx.implan.brujula.app.journal;

import mx.implan.brujula.model.merge.MergeResult;
import mx.implan.brujula.model.merge.ThreeWayMerge;
import mx.implan.brujula.model.observation.Observation;


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
        return ThreeWayMerge.overlay(merge.merged(), mine, merge.conflictingFields());
    }
}
