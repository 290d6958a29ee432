package mx.implan.brujula.app.journal;

import mx.implan.brujula.model.works.PlanPoint;
import mx.implan.brujula.model.works.PlannedProgress;
import org.locationtech.jts.geom.Geometry;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A public work the inspector is assigned (a work inside one of their zones), as delivered by pull.
 * Progress fields are the last reported values known to the device; null when none.
 *
 * @param plan what the catalogue says of the work (programme, contractor, planned dates and curve);
 *             {@link Plan#NONE} for a work pulled before the server sent it
 */
public record AssignedWork(UUID id, String code, String name, String status, Geometry geometry,
                           Integer lastProgressPercent, String lastStage, OffsetDateTime lastReportedAt,
                           Plan plan) {

    public AssignedWork {
        plan = plan == null ? Plan.NONE : plan;
    }

    public AssignedWork(UUID id, String code, String name, String status, Geometry geometry,
                        Integer lastProgressPercent, String lastStage, OffsetDateTime lastReportedAt) {
        this(id, code, name, status, geometry, lastProgressPercent, lastStage, lastReportedAt, Plan.NONE);
    }

    /** The same work with other last-progress figures (the owner's own newer report). */
    AssignedWork withProgress(Integer percent, String stage, OffsetDateTime reportedAt) {
        return new AssignedWork(id, code, name, status, geometry, percent, stage, reportedAt, plan);
    }

    /** The programme and dates of a work and the progress its planned curve expects. */
    public record Plan(String programme, String contractor, LocalDate plannedStart, LocalDate plannedEnd,
                       List<PlanPoint> curve) {

        public static final Plan NONE = new Plan(null, null, null, null, List.of());

        public Plan {
            curve = curve == null ? List.of() : List.copyOf(curve);
        }

        /** Percent the plan expects done by {@code day}; empty when the work has no plan. */
        public Optional<Double> plannedPercent(LocalDate day) {
            return PlannedProgress.at(curve, day);
        }
    }
}
