package mx.implan.brujula.model.works;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * How far a work should be on a given day according to its planned curve: the same answer for the
 * supervisor's delay figures on the server and the inspector's work screen offline. Between two
 * points of the curve the plan is read as a straight line (the curve is sampled monthly, so the
 * error against the S-curve it samples stays within a point or two).
 */
public final class PlannedProgress {

    private PlannedProgress() {
    }

    /**
     * The planned percent on {@code day}, rounded to one decimal: 0 before the first point (the work
     * has not started), the last point's percent after it; empty when there is no plan.
     * Points must be in ascending date order, as the catalogue stores them.
     */
    public static Optional<Double> at(List<PlanPoint> curve, LocalDate day) {
        if (curve == null || curve.isEmpty() || day == null) {
            return Optional.empty();
        }
        PlanPoint first = curve.get(0);
        if (day.isBefore(first.date())) {
            return Optional.of(0.0);
        }
        for (int i = 1; i < curve.size(); i++) {
            PlanPoint next = curve.get(i);
            if (day.isBefore(next.date())) {
                PlanPoint prev = curve.get(i - 1);
                double span = ChronoUnit.DAYS.between(prev.date(), next.date());
                double into = ChronoUnit.DAYS.between(prev.date(), day);
                return Optional.of(round(prev.percent() + (next.percent() - prev.percent()) * into / span));
            }
        }
        return Optional.of(round(curve.get(curve.size() - 1).percent()));
    }

    private static double round(double percent) {
        return Math.round(percent * 10.0) / 10.0;
    }
}
