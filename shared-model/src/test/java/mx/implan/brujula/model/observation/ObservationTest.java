package mx.implan.brujula.model.observation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import mx.implan.brujula.model.Fixtures;
import org.junit.jupiter.api.Test;

class ObservationTest {

    @Test
    void builderRoundTripsEveryComponent() {
        Observation o = Fixtures.risk().withServerFields(3L, "ana", ObservationStatus.VERIFIED,
                OffsetDateTime.parse("2026-11-25T17:16:00Z"), List.of(Flag.INCOMPLETE), 12.5, List.of(Fixtures.SHA));
        assertThat(o.toBuilder().build()).isEqualTo(o);
        assertThat(o.withoutServerFields()).isEqualTo(Fixtures.risk());
        assertThat(o.rev()).isEqualTo(3L);
        assertThat(o.withStatus(ObservationStatus.MITIGATED).status()).isEqualTo(ObservationStatus.MITIGATED);
        assertThat(o.withRev(4L).rev()).isEqualTo(4L);
    }

    @Test
    void collectionsAreCopiedAndUnmodifiable() {
        Observation o = Fixtures.risk();
        assertThatThrownBy(() -> o.attributes().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> o.photos().clear()).isInstanceOf(UnsupportedOperationException.class);
        Observation empty = Observation.builder().build();
        assertThat(empty.attributesOrEmpty()).isEmpty();
        assertThat(empty.photosOrEmpty()).isEmpty();
        assertThat(empty.flagsOrEmpty()).isEmpty();
        assertThat(empty.precisionOrDefault()).isEqualTo(CapturedAtPrecision.INSTANT);
    }

    @Test
    void attributeSetterAddsReplacesAndRemoves() {
        Observation o = Fixtures.risk().toBuilder().attribute("severity", 5).attribute("peopleExposed", null).build();
        assertThat(o.attributes()).containsExactly(Map.entry("hazard", "HUNDIMIENTO"), Map.entry("severity", 5));
    }

    @Test
    void typedAttributeViews() {
        RiskAttributes risk = RiskAttributes.from(Fixtures.risk().attributes());
        assertThat(risk).isEqualTo(new RiskAttributes(Hazard.HUNDIMIENTO, 4, 30));
        assertThat(risk.toMap()).isEqualTo(Fixtures.risk().attributes());

        UUID work = UUID.randomUUID();
        WorksProgressAttributes works = WorksProgressAttributes.from(Map.of("publicWorkId", work.toString(),
                "progressPercent", new BigDecimal("42.5"), "stage", "ACABADOS", "workersOnSite", 3));
        assertThat(works).isEqualTo(new WorksProgressAttributes(work, new BigDecimal("42.5"), WorkStage.ACABADOS, 3, null));
        assertThat(works.toMap()).containsEntry("publicWorkId", work.toString()).containsEntry("stage", "ACABADOS")
                .doesNotContainKey("issues");

        assertThat(GreenAreaAttributes.from(Map.of("areaType", "PARQUE", "condition", "NUEVO", "trees", 4.0, "irrigation", true)))
                .isEqualTo(new GreenAreaAttributes(AreaType.PARQUE, null, 4, true));
        assertThat(UrbanImageAttributes.from(Map.of("issue", "BACHE", "severity", 2.5)))
                .isEqualTo(new UrbanImageAttributes(UrbanIssue.BACHE, null));
    }
}
