package mx.implan.brujula.sync;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import mx.implan.brujula.audit.AuditTrail;
import mx.implan.brujula.auth.Actor;
import mx.implan.brujula.http.ApiProblem;
import mx.implan.brujula.model.hash.ContentHash;
import mx.implan.brujula.model.merge.MergeResult;
import mx.implan.brujula.model.merge.ThreeWayMerge;
import mx.implan.brujula.model.observation.Flag;
import mx.implan.brujula.model.observation.Observation;
import mx.implan.brujula.observations.ContentChange;
import mx.implan.brujula.observations.ObservationMapper;
import mx.implan.brujula.observations.ObservationQuery;
import mx.implan.brujula.observations.ObservationStore;
import mx.implan.brujula.observations.RevisionChange;
import mx.implan.brujula.observations.StoredObservation;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Opens, lists and closes sync conflicts; every closing is audited. */
@ApplicationScoped
public class SyncConflicts {

    public static final String TAKE_SERVER = "TAKE_SERVER";
    public static final String TAKE_MINE = "TAKE_MINE";

    @Inject
    AuditTrail audit;
    @Inject
    ObservationStore store;
    @Inject
    ObservationQuery observations;
    @Inject
    ServerChecks checks;

    @Transactional(Transactional.TxType.MANDATORY)
    public void open(UUID observationId, long serverRev, String author, Observation mine, List<String> fields) {
        SyncConflictEntity conflict = new SyncConflictEntity();
        conflict.id = UUID.randomUUID();
        conflict.observationId = observationId;
        conflict.author = author;
        conflict.opId = mine.opId();
        conflict.baseRev = mine.baseRev() == null ? 0 : mine.baseRev();
        conflict.serverRev = serverRev;
        conflict.fields = fields.toArray(String[]::new);
        conflict.mine = ObservationMapper.toJson(mine);
        conflict.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        conflict.persist();
    }

    /** Closes the open conflicts of an observation: the author's own, or all when a supervisor acts. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void close(UUID observationId, String actor, String resolution, boolean onlyOwn) {
        for (SyncConflictEntity conflict : SyncConflictEntity.openFor(observationId)) {
            if (!onlyOwn || conflict.author.equals(actor)) {
                markResolved(conflict, actor, resolution);
            }
        }
    }

    /**
     * Resolves one conflict. TAKE_SERVER keeps the server copy; TAKE_MINE writes the device's values
     * for the conflicting fields on top of the current revision (other fields merge as usual).
     */
    @Transactional
    public Observation resolve(Actor actor, UUID conflictId, String resolution) {
        SyncConflictEntity conflict = SyncConflictEntity.findById(conflictId);
        if (conflict == null || !(actor.isSupervisor() || conflict.author.equals(actor.name()))) {
            throw ApiProblem.notFound("CONFLICT_NOT_FOUND", "Conflict {0} does not exist", conflictId);
        }
        if (conflict.resolvedAt != null) {
            throw ApiProblem.conflict("CONFLICT_ALREADY_RESOLVED", "Conflict {0} is already resolved", conflictId);
        }
        StoredObservation row = store.lock(conflict.observationId).orElseThrow();
        Observation before = row.observation();
        Observation after = before;
        if (TAKE_MINE.equals(resolution)) {
            Observation mine = ObservationMapper.fromJson(conflict.mine);
            Observation base = observations.revision(row.id(), conflict.baseRev).orElse(before);
            MergeResult merge = ThreeWayMerge.merge(base, before, mine);
            Observation resolved = ThreeWayMerge.overlay(merge.merged(), mine, merge.conflictingFields());
            // The device's geometry or work may come back: area and content flags follow the content written.
            // No push clock here, so a CLOCK_SKEW found when the device sent it is kept, and so is the clock offset.
            ServerChecks.Outcome outcome = checks.check(resolved, null, OffsetDateTime.now(ZoneOffset.UTC));
            List<Flag> flags = ServerChecks.restamp(row.flags(), outcome.flags(),
                    EnumSet.of(Flag.OUTSIDE_AOI, Flag.UNKNOWN_WORK, Flag.INCOMPLETE));
            after = store.update(row.id(), new ContentChange(resolved, ContentHash.of(resolved), flags, outcome.areaM2(),
                    row.clockOffsetSeconds()), actor.name(), null, RevisionChange.RESOLUTION);
        } else if (!TAKE_SERVER.equals(resolution)) {
            throw ApiProblem.invalidParameter("resolution", "INVALID_ENUM", "Allowed values: TAKE_SERVER, TAKE_MINE");
        }
        markResolved(conflict, actor.name(), resolution);
        audit.record(actor.name(), "conflict.resolve", "observation", row.id().toString(),
                Map.of("rev", before.rev(), "conflict", conflictId.toString()),
                Map.of("rev", after.rev(), "resolution", resolution));
        return after;
    }

    private void markResolved(SyncConflictEntity conflict, String actor, String resolution) {
        conflict.resolvedAt = OffsetDateTime.now(ZoneOffset.UTC);
        conflict.resolvedBy = actor;
        conflict.resolution = resolution;
        audit.record(actor, "conflict.close", "sync_conflict", conflict.id.toString(), null,
                Map.of("observationId", conflict.observationId.toString(), "resolution", resolution));
    }
}
