package mx.implan.brujula.model.observation;

import static mx.implan.brujula.model.observation.ObservationKind.*;
import static mx.implan.brujula.model.observation.ObservationStatus.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatusLifecycleTest {

    @Test
    void initialStatus() {
        assertThat(StatusLifecycle.initial(RISK)).isEqualTo(REPORTED);
        assertThat(StatusLifecycle.initial(URBAN_IMAGE)).isEqualTo(REPORTED);
        assertThat(StatusLifecycle.initial(WORKS_PROGRESS)).isEqualTo(ACTIVE);
        assertThat(StatusLifecycle.initial(GREEN_AREA)).isEqualTo(ACTIVE);
    }

    @ParameterizedTest
    @CsvSource({
            "RISK, REPORTED, VERIFIED, true",
            "RISK, VERIFIED, MITIGATED, true",
            "RISK, REPORTED, DISMISSED, true",
            "RISK, VERIFIED, DISMISSED, true",
            "RISK, REPORTED, MITIGATED, false",
            "RISK, MITIGATED, REPORTED, false",
            "RISK, DISMISSED, VERIFIED, false",
            "RISK, REPORTED, RESOLVED, false",
            "RISK, REPORTED, REPORTED, false",
            "URBAN_IMAGE, REPORTED, IN_PROGRESS, true",
            "URBAN_IMAGE, IN_PROGRESS, RESOLVED, true",
            "URBAN_IMAGE, REPORTED, RESOLVED, true",
            "URBAN_IMAGE, REPORTED, DISMISSED, true",
            "URBAN_IMAGE, IN_PROGRESS, DISMISSED, true",
            "URBAN_IMAGE, RESOLVED, IN_PROGRESS, false",
            "URBAN_IMAGE, REPORTED, VERIFIED, false",
            "WORKS_PROGRESS, ACTIVE, ARCHIVED, true",
            "WORKS_PROGRESS, ARCHIVED, ACTIVE, true",
            "WORKS_PROGRESS, ACTIVE, REPORTED, false",
            "GREEN_AREA, ACTIVE, ARCHIVED, true",
            "GREEN_AREA, ARCHIVED, ACTIVE, true",
            "GREEN_AREA, REPORTED, VERIFIED, false",
    })
    void transitions(ObservationKind kind, ObservationStatus from, ObservationStatus to, boolean allowed) {
        assertThat(StatusLifecycle.canTransition(kind, from, to)).isEqualTo(allowed);
        assertThat(StatusLifecycle.allowedNext(kind, from).contains(to)).isEqualTo(allowed);
    }

    @Test
    void terminalAndForeignStatusesLeadNowhere() {
        assertThat(StatusLifecycle.allowedNext(RISK, MITIGATED)).isEmpty();
        assertThat(StatusLifecycle.allowedNext(RISK, DISMISSED)).isEmpty();
        assertThat(StatusLifecycle.allowedNext(URBAN_IMAGE, RESOLVED)).isEmpty();
        assertThat(StatusLifecycle.allowedNext(WORKS_PROGRESS, VERIFIED)).isEmpty();
        assertThat(StatusLifecycle.allowedNext(RISK, null)).isEmpty();
        assertThat(StatusLifecycle.canTransition(RISK, REPORTED, null)).isFalse();
    }

    @Test
    void statusesOfEachKind() {
        assertThat(StatusLifecycle.statusesOf(RISK)).containsExactlyInAnyOrder(REPORTED, VERIFIED, MITIGATED, DISMISSED);
        assertThat(StatusLifecycle.statusesOf(URBAN_IMAGE))
                .containsExactlyInAnyOrder(REPORTED, IN_PROGRESS, RESOLVED, DISMISSED);
        assertThat(StatusLifecycle.statusesOf(GREEN_AREA)).containsExactlyInAnyOrder(ACTIVE, ARCHIVED);
    }

    @Test
    void openStatuses() {
        assertThat(ObservationStatus.values()).filteredOn(StatusLifecycle::isOpen)
                .containsExactlyInAnyOrder(REPORTED, VERIFIED, IN_PROGRESS, ACTIVE);
        assertThat(StatusLifecycle.isOpen(null)).isFalse();
    }
}
