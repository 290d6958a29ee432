package mx.implan.brujula.works;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PlannedCurveTest {

    @Test
    void derivedCurveRunsFromZeroAtStartToHundredAtEndMonthByMonth() {
        List<CurvePoint> curve = PlannedCurve.derive(LocalDate.of(2025, 3, 15), LocalDate.of(2025, 9, 30));
        assertThat(curve).extracting(CurvePoint::date).containsExactly(
                LocalDate.of(2025, 3, 15), LocalDate.of(2025, 4, 1), LocalDate.of(2025, 5, 1), LocalDate.of(2025, 6, 1),
                LocalDate.of(2025, 7, 1), LocalDate.of(2025, 8, 1), LocalDate.of(2025, 9, 1), LocalDate.of(2025, 9, 30));
        assertThat(curve.get(0).percent()).isZero();
        assertThat(curve.get(curve.size() - 1).percent()).isEqualTo(100.0);
        assertThat(curve).extracting(CurvePoint::percent).isSorted();
    }

    @Test
    void derivedCurveIsSShapedAndSymmetric() {
        assertThat(PlannedCurve.sCurve(0.5)).isEqualTo(50.0);
        assertThat(PlannedCurve.sCurve(0.1)).isEqualTo(2.8);
        assertThat(PlannedCurve.sCurve(0.9)).isEqualTo(97.2);
    }

    @Test
    void longWorksAreSampledSparselyToKeepTheCurveSmall() {
        List<CurvePoint> curve = PlannedCurve.derive(LocalDate.of(2020, 1, 1), LocalDate.of(2029, 12, 31));
        assertThat(curve.size()).isLessThanOrEqualTo(PlannedCurve.MAX_POINTS + 2);
        assertThat(curve.get(curve.size() - 1).percent()).isEqualTo(100.0);
    }

    @Test
    void noPlanWithoutBothDates() {
        assertThat(PlannedCurve.derive(null, LocalDate.of(2025, 1, 1))).isEmpty();
        assertThat(PlannedCurve.derive(LocalDate.of(2025, 1, 1), null)).isEmpty();
        assertThat(PlannedCurve.derive(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 1, 1)))
                .containsExactly(new CurvePoint(LocalDate.of(2025, 1, 1), 100.0));
    }

    @Test
    void curveSurvivesAJsonRoundTripExactly() {
        List<CurvePoint> curve = PlannedCurve.derive(LocalDate.of(2025, 1, 10), LocalDate.of(2026, 2, 20));
        assertThat(PlannedCurve.fromJson(PlannedCurve.toJson(curve))).isEqualTo(curve);
    }
}
