package mx.implan.brujula.works;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Planned progress curves. When a catalogue gives only start and end dates, the plan is the classic
 * construction S-curve (slow mobilisation, fast middle, slow close-out), sampled at the start, the
 * first day of each month and the end: what a supervisor compares reported progress against.
 */
public final class PlannedCurve {

    /** Beyond this many samples a long work is sampled every few months instead of monthly. */
    static final int MAX_POINTS = 48;

    private PlannedCurve() {
    }

    /** Empty when either date is missing: no plan, nothing to compare against. */
    public static List<CurvePoint> derive(LocalDate start, LocalDate end) {
        if (start == null || end == null || end.isBefore(start)) {
            return List.of();
        }
        if (start.equals(end)) {
            return List.of(new CurvePoint(end, 100.0));
        }
        long months = ChronoUnit.MONTHS.between(start.withDayOfMonth(1), end.withDayOfMonth(1));
        long step = Math.max(1, (months + MAX_POINTS - 1) / MAX_POINTS);
        double totalDays = ChronoUnit.DAYS.between(start, end);
        List<CurvePoint> points = new ArrayList<>();
        points.add(new CurvePoint(start, 0.0));
        for (LocalDate d = start.withDayOfMonth(1).plusMonths(step); d.isBefore(end); d = d.plusMonths(step)) {
            points.add(new CurvePoint(d, sCurve(ChronoUnit.DAYS.between(start, d) / totalDays)));
        }
        points.add(new CurvePoint(end, 100.0));
        return List.copyOf(points);
    }

    /** Cubic smoothstep 3t² − 2t³, in percent with one decimal (a stable value to store and compare). */
    static double sCurve(double t) {
        double p = 100.0 * t * t * (3 - 2 * t);
        return Math.round(p * 10.0) / 10.0;
    }

    public static ArrayNode toJson(List<CurvePoint> curve) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (CurvePoint p : curve) {
            a.addObject().put("date", p.date().toString()).put("percent", p.percent());
        }
        return a;
    }

    /** Reads a curve this class wrote (the stored jsonb). */
    public static List<CurvePoint> fromJson(JsonNode a) {
        if (a == null || !a.isArray()) {
            return List.of();
        }
        List<CurvePoint> points = new ArrayList<>(a.size());
        for (JsonNode p : a) {
            points.add(new CurvePoint(LocalDate.parse(p.path("date").asText()), p.path("percent").asDouble()));
        }
        return List.copyOf(points);
    }
}
