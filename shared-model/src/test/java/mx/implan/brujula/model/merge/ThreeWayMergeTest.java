package mx.implan.brujula.model.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import mx.implan.brujula.model.Fixtures;
import mx.implan.brujula.model.geojson.GeoJson;
import mx.implan.brujula.model.observation.Observation;
import mx.implan.brujula.model.observation.ObservationStatus;
import mx.implan.brujula.model.observation.PhotoRef;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;

class ThreeWayMergeTest {

    private final Observation base = Fixtures.risk().withServerFields(1L, "ana", ObservationStatus.REPORTED, null, null, null, null);

    private Observation server(Observation.Builder b) {
        return b.rev(2L).build();
    }

    private Observation mine(Observation.Builder b) {
        return b.opId(UUID.fromString("0193a1e2-9000-7000-8000-000000000001")).baseRev(1L).build();
    }

    @Test
    void differentFieldsAreMerged() {
        Observation server = server(base.toBuilder().notes("Revisado por protección civil").attribute("peopleExposed", 50));
        Observation mine = mine(base.toBuilder().attribute("severity", 5)
                .geometry(GeoJson.factory().createPoint(new Coordinate(-110.96, 29.07))));
        MergeResult r = ThreeWayMerge.merge(base, server, mine);
        assertThat(r.hasConflict()).isFalse();
        assertThat(r.merged().notes()).isEqualTo("Revisado por protección civil");
        assertThat(r.merged().attributes()).containsEntry("peopleExposed", 50).containsEntry("severity", 5)
                .containsEntry("hazard", "HUNDIMIENTO");
        assertThat(r.merged().geometry()).isEqualTo(mine.geometry());
        assertThat(r.merged().rev()).isEqualTo(2L);
        assertThat(r.merged().baseRev()).isEqualTo(2L);
        assertThat(r.merged().opId()).isEqualTo(mine.opId());
    }

    @Test
    void sameFieldChangedDifferentlyIsAConflict() {
        Observation server = server(base.toBuilder().notes("A").attribute("severity", 2));
        Observation mine = mine(base.toBuilder().notes("B").attribute("severity", 5).accuracyM(3.0));
        MergeResult r = ThreeWayMerge.merge(base, server, mine);
        assertThat(r.conflictingFields()).containsExactly("notes", "attributes.severity");
        assertThat(r.hasConflict()).isTrue();
        // Conflicting fields keep the server's value; the rest of my edit is still merged.
        assertThat(r.merged().notes()).isEqualTo("A");
        assertThat(r.merged().attributes()).containsEntry("severity", 2);
        assertThat(r.merged().accuracyM()).isEqualTo(3.0);
    }

    @Test
    void sameChangeOnBothSidesIsNoConflict() {
        Observation server = server(base.toBuilder().notes("igual").attribute("severity", 5));
        Observation mine = mine(base.toBuilder().notes("igual").attribute("severity", new BigDecimal("5.0")));
        MergeResult r = ThreeWayMerge.merge(base, server, mine);
        assertThat(r.hasConflict()).isFalse();
        assertThat(r.merged().notes()).isEqualTo("igual");
    }

    @Test
    void reEncodingIsNotAnEdit() {
        // The server stores UTC and may read numbers back as decimals; mine still carries its own offset.
        Observation server = server(base.toBuilder().capturedAt(base.capturedAt().withOffsetSameInstant(ZoneOffset.UTC))
                .attribute("severity", new BigDecimal("4.0")).notes("cambio del servidor"));
        Observation mine = mine(base.toBuilder().photos(List.of(base.photos().get(0))).notes("cambio del servidor"));
        MergeResult r = ThreeWayMerge.merge(base, server, mine);
        assertThat(r.hasConflict()).isFalse();
        assertThat(r.merged().capturedAt()).isEqualTo(server.capturedAt());
    }

    @Test
    void attributeRemovedByMineIsRemoved() {
        Observation server = server(base.toBuilder().notes("x"));
        Observation mine = mine(base.toBuilder().attribute("peopleExposed", null));
        MergeResult r = ThreeWayMerge.merge(base, server, mine);
        assertThat(r.hasConflict()).isFalse();
        assertThat(r.merged().attributes()).doesNotContainKey("peopleExposed").containsKeys("hazard", "severity");
    }

    @Test
    void removedOnOneSideAndChangedOnTheOtherIsAConflict() {
        Observation server = server(base.toBuilder().attribute("peopleExposed", 80));
        Observation mine = mine(base.toBuilder().attribute("peopleExposed", null));
        assertThat(ThreeWayMerge.merge(base, server, mine).conflictingFields()).containsExactly("attributes.peopleExposed");
    }

    @Test
    void photosCompareAsASet() {
        PhotoRef extra = new PhotoRef("a".repeat(64), "image/png", 10L, null);
        Observation server = server(base.toBuilder().photos(List.of(extra, base.photos().get(0))));
        Observation mine = mine(base.toBuilder().photos(List.of(base.photos().get(0), extra)));
        MergeResult r = ThreeWayMerge.merge(base, server, mine);
        assertThat(r.hasConflict()).isFalse();
        assertThat(r.merged().photos()).hasSize(2);
    }

    @Test
    void serverTriageNeverConflictsAndServerFieldsWin() {
        Observation server = server(base.toBuilder().status(ObservationStatus.VERIFIED).author("ana"));
        Observation mine = mine(base.toBuilder().notes("más detalle").status(ObservationStatus.DISMISSED).author("eve"));
        MergeResult r = ThreeWayMerge.merge(base, server, mine);
        assertThat(r.hasConflict()).isFalse();
        assertThat(r.merged().status()).isEqualTo(ObservationStatus.VERIFIED);
        assertThat(r.merged().author()).isEqualTo("ana");
        assertThat(r.merged().notes()).isEqualTo("más detalle");
    }

    @Test
    void flattenListsEditableFieldsOnly() {
        assertThat(ObservationFields.flatten(base)).containsOnlyKeys("geometry", "accuracyM", "capturedAt",
                "capturedAtPrecision", "notes", "photos", "attributes.hazard", "attributes.severity",
                "attributes.peopleExposed");
        assertThat(ObservationFields.flatten(base).get("capturedAt").asText()).isEqualTo("2026-11-25T17:15:00Z");
    }

    @Test
    void overlayTakesMineForTheNamedFieldsAndKeepsTheMergedRest() {
        Observation server = server(base.toBuilder().notes("del servidor").attribute("severity", 2).attribute("peopleExposed", 50));
        Observation mine = mine(base.toBuilder().notes("mía").attribute("severity", 5).attribute("peopleExposed", null));
        MergeResult r = ThreeWayMerge.merge(base, server, mine);
        assertThat(r.conflictingFields()).containsExactlyInAnyOrder("notes", "attributes.severity", "attributes.peopleExposed");

        Observation kept = ThreeWayMerge.overlay(r.merged(), mine, List.of("notes", "attributes.peopleExposed", "kind"));

        assertThat(kept.notes()).isEqualTo("mía");
        assertThat(kept.attributes()).doesNotContainKey("peopleExposed").containsEntry("severity", 2);
        assertThat(kept.kind()).isEqualTo(server.kind());
    }
}
