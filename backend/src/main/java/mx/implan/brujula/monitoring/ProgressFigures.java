package mx.implan.brujula.monitoring;

import mx.implan.brujula.model.works.PlanPoint;
import mx.implan.brujula.model.works.PlannedProgress;
import mx.implan.brujula.works.CurvePoint;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Planned against reported progress of one work on one day: the actual series (per visit day, the
 * report captured last that day, in the municipality's time zone), the plan's percent today
 * (shared-model {@link PlannedProgress}, the same figure the field app shows), the last reported
 * percent and the delay between them. A work with no plan or no reported percent has no delay.
 */
public record ProgressFigures(List<Point> actual, Double plannedToday, BigDecimal lastActual, Double delayPoints,
                              boolean delayed) {

    /** One day of the actual series. */
    public record Point(LocalDate day, BigDecimal percent, String stage, UUID observationId) {
    }

    public ProgressFigures {
        actual = List.copyOf(actual);
    }

    /**
     * @param reports the work's reports that count, in any order
     * @param threshold points of delay beyond which the work is delayed (strictly more)
     */
    public static ProgressFigures of(List<CurvePoint> curve, List<ProgressReport> reports, LocalDate today, ZoneId zone,
                                     double threshold) {
        List<ProgressReport> ordered = new ArrayList<>(reports);
        ordered.sort(Comparator.comparing((ProgressReport r) -> r.capturedAt().toInstant()).thenComparing(ProgressReport::observationId));
        Map<LocalDate, ProgressReport> lastOfDay = new LinkedHashMap<>();
        for (ProgressReport r : ordered) {
            if (r.percent() != null) {
                LocalDate day = r.capturedAt().atZoneSameInstant(zone).toLocalDate();
                lastOfDay.remove(day);
                lastOfDay.put(day, r);
            }
        }
        List<Point> actual = new ArrayList<>(lastOfDay.size());
        lastOfDay.forEach((day, r) -> actual.add(new Point(day, r.percent(), r.stage(), r.observationId())));
        Double planned = PlannedProgress.at(plan(curve), today).orElse(null);
        BigDecimal last = actual.isEmpty() ? null : actual.get(actual.size() - 1).percent();
        Double delay = planned == null || last == null ? null
                : BigDecimal.valueOf(planned).subtract(last).setScale(1, RoundingMode.HALF_UP).doubleValue();
        return new ProgressFigures(actual, planned, last, delay, delay != null && delay > threshold);
    }

    static List<PlanPoint> plan(List<CurvePoint> curve) {
        return curve.stream().map(p -> new PlanPoint(p.date(), p.percent())).toList();
    }
}
