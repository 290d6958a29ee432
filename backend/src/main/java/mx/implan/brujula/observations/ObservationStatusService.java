package mx.implan.brujula.observations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import mx.implan.brujula.audit.AuditTrail;
import mx.implan.brujula.auth.Actor;
import mx.implan.brujula.http.ApiProblem;
import mx.implan.brujula.model.observation.Observation;
import mx.implan.brujula.model.observation.ObservationKind;
import mx.implan.brujula.model.observation.ObservationStatus;
import mx.implan.brujula.model.observation.StatusLifecycle;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Status belongs to the server: supervisors triage (verify, mitigate, resolve, dismiss) and every
 * change is audited and becomes a new revision that devices pull. Setting the status an
 * observation already has changes nothing, so re-running an import is harmless.
 */
@ApplicationScoped
public class ObservationStatusService {

    @Inject
    ObservationStore store;
    @Inject
    AuditTrail audit;

    public record Outcome(Observation observation, boolean changed) {
    }

    @Transactional
    public Outcome change(Actor actor, UUID id, ObservationStatus target, Long expectedRev, String reason) {
        if (!actor.isSupervisor()) {
            throw ApiProblem.forbidden("FORBIDDEN", "Your role may not do this");
        }
        StoredObservation row = store.lock(id)
                .orElseThrow(() -> ApiProblem.notFound("OBSERVATION_NOT_FOUND", "Observation {0} does not exist", id));
        Observation current = row.observation();
        if (expectedRev != null && expectedRev != row.rev()) {
            throw ApiProblem.conflict("REV_MISMATCH", "The observation changed (current revision {0})", row.rev())
                    .with("rev", row.rev());
        }
        ObservationStatus from = current.status();
        if (from == target) {
            return new Outcome(current, false);
        }
        ObservationKind kind = current.kind();
        if (!StatusLifecycle.canTransition(kind, from, target)) {
            throw new ApiProblem(422, "INVALID_TRANSITION", "Unprocessable Content",
                    "A {2} observation cannot go from {0} to {1}", from, target, kind)
                    .with("allowed", StatusLifecycle.allowedNext(kind, from));
        }
        long revBefore = row.rev();
        Observation after = store.setStatus(id, target, actor.name());
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("status", from.name());
        before.put("rev", revBefore);
        Map<String, Object> now = new LinkedHashMap<>();
        now.put("status", target.name());
        now.put("rev", after.rev());
        if (reason != null && !reason.isBlank()) {
            now.put("reason", reason);
        }
        audit.record(actor.name(), "observation.status", "observation", id.toString(), before, now);
        return new Outcome(after, true);
    }
}
