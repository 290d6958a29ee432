package mx.implan.brujula.model.observation;

import static mx.implan.brujula.model.observation.ObservationStatus.*;

import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Allowed status transitions per kind; the server enforces them on triage (PATCH). */
public final class StatusLifecycle {

    private static final Map<ObservationKind, Map<ObservationStatus, Set<ObservationStatus>>> NEXT = Map.of(
            ObservationKind.RISK, Map.of(
                    REPORTED, Set.of(VERIFIED, DISMISSED),
                    VERIFIED, Set.of(MITIGATED, DISMISSED)),
            ObservationKind.URBAN_IMAGE, Map.of(
                    // REPORTED → RESOLVED: imported records arrive already resolved.
                    REPORTED, Set.of(IN_PROGRESS, RESOLVED, DISMISSED),
                    IN_PROGRESS, Set.of(RESOLVED, DISMISSED)),
            ObservationKind.WORKS_PROGRESS, Map.of(
                    ACTIVE, Set.of(ARCHIVED),
                    ARCHIVED, Set.of(ACTIVE)),
            ObservationKind.GREEN_AREA, Map.of(
                    ACTIVE, Set.of(ARCHIVED),
                    ARCHIVED, Set.of(ACTIVE)));

    private static final Set<ObservationStatus> CLOSED = EnumSet.of(DISMISSED, MITIGATED, RESOLVED, ARCHIVED);

    private StatusLifecycle() {
    }

    /** Status a new observation gets when the server first stores it. */
    public static ObservationStatus initial(ObservationKind kind) {
        Objects.requireNonNull(kind, "kind");
        return switch (kind) {
            case RISK, URBAN_IMAGE -> REPORTED;
            case WORKS_PROGRESS, GREEN_AREA -> ACTIVE;
        };
    }

    /** Statuses reachable in one step; empty for terminal states and for statuses foreign to the kind. */
    public static Set<ObservationStatus> allowedNext(ObservationKind kind, ObservationStatus from) {
        Objects.requireNonNull(kind, "kind");
        if (from == null) {
            return Set.of();
        }
        return NEXT.get(kind).getOrDefault(from, Set.of());
    }

    public static boolean canTransition(ObservationKind kind, ObservationStatus from, ObservationStatus to) {
        return to != null && allowedNext(kind, from).contains(to);
    }

    /** Every status a kind can be in. */
    public static Set<ObservationStatus> statusesOf(ObservationKind kind) {
        EnumSet<ObservationStatus> all = EnumSet.of(initial(kind));
        NEXT.get(kind).forEach((from, to) -> {
            all.add(from);
            all.addAll(to);
        });
        return Set.copyOf(all);
    }

    /** Whether the observation still asks for attention (not closed by triage or archived). */
    public static boolean isOpen(ObservationStatus status) {
        return status != null && !CLOSED.contains(status);
    }
}
