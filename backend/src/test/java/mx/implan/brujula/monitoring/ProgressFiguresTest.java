package mx.implan.brujula.monitoring;

import mx.implan.brujula.works.CurvePoint;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The figures as pure arithmetic: visit days in the municipality's zone, the plan read on a day, the threshold. */
class ProgressFiguresTest {

    private static final ZoneId HERMOSILLO = ZoneId.of("America/Hermosillo");
    private static final List<CurvePoint> PLAN = List.of(new CurvePoint(LocalDate.of(2026, 1, 1), 0),
            new CurvePoint(LocalDate.of(2026, 1, 11), 100));

    private static ProgressReport report(String capturedAt, Integer percent) {
        return new ProgressReport(UUID.randomUUID(), UUID.randomUUID(), 1, OffsetDateTime.parse(capturedAt),
                percent == null ? null : BigDecimal.valueOf(percent), "EN_EJECUCION", "ana", "ACTIVE", List.of());
    }

    @Test
    void aVisitLateInTheEveningBelongsToItsLocalDayNotTheUtcOne() {
        // 23:30 in Hermosillo is already the next day in UTC.
        ProgressFigures f = ProgressFigures.of(PLAN, List.of(report("2026-01-04T23:30:00-07:00", 30),
                report("2026-01-05T06:00:00Z", 10)), LocalDate.of(2026, 1, 6), HERMOSILLO, 10);
        assertThat(f.actual()).extracting(ProgressFigures.Point::day).containsExactly(LocalDate.of(2026, 1, 4));
        assertThat(f.actual().get(0).percent()).isEqualByComparingTo("30");
    }

    @Test
    void theDelayIsThePlanOnTheDayMinusTheLastReportedAndCountsOnlyAboveTheThreshold() {
        List<ProgressReport> reports = List.of(report("2026-01-03T10:00:00-07:00", 40));
        ProgressFigures exactly = ProgressFigures.of(PLAN, reports, LocalDate.of(2026, 1, 6), HERMOSILLO, 10);
        assertThat(exactly.plannedToday()).isEqualTo(50.0);
        assertThat(exactly.delayPoints()).isEqualTo(10.0);
        assertThat(exactly.delayed()).as("at the threshold is not beyond it").isFalse();
        ProgressFigures later = ProgressFigures.of(PLAN, reports, LocalDate.of(2026, 1, 7), HERMOSILLO, 10);
        assertThat(later.delayPoints()).isEqualTo(20.0);
        assertThat(later.delayed()).isTrue();
        ProgressFigures ahead = ProgressFigures.of(PLAN, reports, LocalDate.of(2026, 1, 2), HERMOSILLO, 10);
        assertThat(ahead.delayPoints()).isEqualTo(-30.0);
        assertThat(ahead.delayed()).isFalse();
    }

    @Test
    void withoutAPlanOrAReportedPercentThereIsNoDelay() {
        ProgressFigures noPlan = ProgressFigures.of(List.of(), List.of(report("2026-01-03T10:00:00-07:00", 40)),
                LocalDate.of(2026, 1, 6), HERMOSILLO, 10);
        assertThat(noPlan.plannedToday()).isNull();
        assertThat(noPlan.delayPoints()).isNull();
        assertThat(noPlan.delayed()).isFalse();
        ProgressFigures noPercent = ProgressFigures.of(PLAN, List.of(report("2026-01-03T10:00:00-07:00", null)),
                LocalDate.of(2026, 1, 9), HERMOSILLO, 10);
        assertThat(noPercent.actual()).isEmpty();
        assertThat(noPercent.lastActual()).isNull();
        assertThat(noPercent.delayed()).isFalse();
    }
}
