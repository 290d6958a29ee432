package mx.implan.brujula.model.works;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PlannedProgressTest {

    private static final List<PlanPoint> CURVE = List.of(
            new PlanPoint(LocalDate.of(2025, 1, 1), 0),
            new PlanPoint(LocalDate.of(2025, 2, 1), 10),
            new PlanPoint(LocalDate.of(2025, 3, 4), 40),
            new PlanPoint(LocalDate.of(2025, 4, 1), 100));

    @Test
    void readsTheCurveAsStraightLinesBetweenItsPoints() {
        assertThat(PlannedProgress.at(CURVE, LocalDate.of(2025, 1, 1))).contains(0.0);
        assertThat(PlannedProgress.at(CURVE, LocalDate.of(2025, 2, 1))).contains(10.0);
        // 15 of the 31 days between 1 Feb (10 %) and 4 Mar (40 %)
        assertThat(PlannedProgress.at(CURVE, LocalDate.of(2025, 2, 16))).contains(24.5);
        assertThat(PlannedProgress.at(CURVE, LocalDate.of(2025, 3, 31))).contains(97.9);
    }

    @Test
    void beforeTheStartNothingIsDueAndAfterTheEndEverything() {
        assertThat(PlannedProgress.at(CURVE, LocalDate.of(2024, 12, 31))).contains(0.0);
        assertThat(PlannedProgress.at(CURVE, LocalDate.of(2025, 4, 1))).contains(100.0);
        assertThat(PlannedProgress.at(CURVE, LocalDate.of(2030, 1, 1))).contains(100.0);
    }

    @Test
    void withoutAPlanThereIsNoPlannedFigure() {
        assertThat(PlannedProgress.at(List.of(), LocalDate.of(2025, 1, 1))).isEmpty();
        assertThat(PlannedProgress.at(null, LocalDate.of(2025, 1, 1))).isEmpty();
        assertThat(PlannedProgress.at(List.of(new PlanPoint(LocalDate.of(2025, 6, 1), 100)), LocalDate.of(2025, 6, 1)))
                .contains(100.0);
    }
}
