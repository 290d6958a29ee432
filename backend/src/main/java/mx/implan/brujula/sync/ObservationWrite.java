package mx.implan.brujula.sync;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import mx.implan.brujula.audit.AuditTrail;
import mx.implan.brujula.model.hash.ContentHash;
import mx.implan.brujula.model.merge.MergeResult;
import mx.implan.brujula.model.merge.ThreeWayMerge;
import mx.implan.brujula.model.observation.Flag;
import mx.implan.brujula.model.observation.Observation;
import mx.implan.brujula.model.observation.Resolution;
import mx.implan.brujula.model.sync.FieldError;
import mx.implan.brujula.model.sync.PushResult;
import mx.implan.brujula.model.sync.PushStatus;
import mx.implan.brujula.observations.ContentChange;
import mx.implan.brujula.observations.NewObservation;
import mx.implan.brujula.observations.ObservationQuery;
import mx.implan.brujula.observations.ObservationStore;
import mx.implan.brujula.observations.RevisionChange;
import mx.implan.brujula.observations.StoredObservation;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Applies one validated device write in its own short transaction: idempotency by opId,
 * author-or-supervisor edits, three-way merge on a stale baseRev, conflicts recorded.
 */
@ApplicationScoped
public class ObservationWrite {

    /** Flags recomputed from content on every write (INCOMPLETE: from the photos it references); others are kept. */
    private static final Set<Flag> CONTENT_FLAGS = EnumSet.of(Flag.OUTSIDE_AOI, Flag.UNKNOWN_WORK, Flag.CLOCK_SKEW, Flag.INCOMPLETE);

    @Inject
    ObservationStore store;
    @Inject
    ObservationQuery observations;
    @Inject
    ServerChecks checks;
    @Inject
    SyncConflicts conflicts;
    @Inject
    AuditTrail audit;
    @Inject
    WriteFaults faults;

    /** {@code contentHash} is {@link ContentHash#of} {@code mine}, computed once by the caller. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public PushResult apply(PushContext ctx, Observation mine, String contentHash) {
        AppliedOpEntity applied = AppliedOpEntity.findById(mine.opId());
        if (applied != null) {
            return Replays.answer(ctx, mine, contentHash,
                    new Replays.Applied(applied.observationId, applied.actor, applied.result, applied.contentHash));
        }
        faults.beforeWrite(mine);
        Optional<StoredObservation> current = store.lock(mine.id());
        PushResult result = current.isEmpty() ? create(ctx, mine, contentHash) : edit(ctx, mine, current.get(), contentHash);
        if (result.status() != PushStatus.REJECTED) {
            remember(ctx, mine, contentHash, result);
        }
        return result;
    }

    private PushResult create(PushContext ctx, Observation mine, String hash) {
        ServerChecks.Outcome outcome = checks.check(mine, ctx.sentAt(), ctx.receivedAt());
        Observation stored = store.create(new NewObservation(mine, hash, outcome.flags(), outcome.areaM2(),
                outcome.clockOffsetSeconds(), ctx.actor().name(), ctx.receivedAt(), mine.opId()));
        return new PushResult(mine.id(), mine.opId(), PushStatus.CREATED, stored.rev(), List.of(), stored.flags(), null, null);
    }

    private PushResult edit(PushContext ctx, Observation mine, StoredObservation current, String hash) {
        Observation server = current.observation();
        boolean isAuthor = server.author().equals(ctx.actor().name());
        if (!isAuthor && !ctx.actor().isSupervisor()) {
            // Never answer with someone else's copy.
            return rejected(mine, "id", "NOT_AUTHOR", ctx);
        }
        if (server.kind() != mine.kind()) {
            return rejected(mine, "kind", "KIND_IMMUTABLE", ctx);
        }
        if (mine.resolution() == Resolution.TAKE_SERVER) {
            conflicts.close(current.id(), ctx.actor().name(), "TAKE_SERVER", isAuthor);
            return unchanged(mine, server);
        }
        long baseRev = mine.baseRev() == null ? 0 : mine.baseRev();
        if (baseRev == 0) {
            // A create arriving after an edit of the same item (out of order), or a resend: the server
            // already holds a state at least as new; the device adopts it.
            return unchanged(mine, server);
        }
        if (hash.equals(current.contentHash())) {
            if (baseRev == current.rev() && isAuthor) {
                conflicts.close(current.id(), ctx.actor().name(), "KEEP_MINE", true);
            }
            return baseRev == current.rev() ? unchanged(mine, server.rev(), server.flags(), null) : unchanged(mine, server);
        }
        if (baseRev == current.rev()) {
            Observation saved = save(ctx, mine, current, hash, mine.opId(), RevisionChange.EDIT);
            if (isAuthor) {
                conflicts.close(current.id(), ctx.actor().name(), "KEEP_MINE", true);
            }
            return new PushResult(mine.id(), mine.opId(), PushStatus.UPDATED, saved.rev(), List.of(), saved.flags(), null, null);
        }
        Optional<Observation> base = baseRev < current.rev() ? observations.revision(current.id(), baseRev) : Optional.empty();
        if (base.isEmpty()) {
            return rejected(mine, "baseRev", "BASE_REV_UNKNOWN", ctx);
        }
        MergeResult merge = ThreeWayMerge.merge(base.get(), server, mine);
        if (merge.hasConflict()) {
            conflicts.open(current.id(), current.rev(), ctx.actor().name(), mine, merge.conflictingFields());
            return PushResult.conflict(mine.id(), mine.opId(), server);
        }
        Observation merged = merge.merged();
        Observation saved = save(ctx, merged, current, ContentHash.of(merged), mine.opId(), RevisionChange.MERGE);
        return new PushResult(mine.id(), mine.opId(), PushStatus.UPDATED, saved.rev(), List.of(), saved.flags(), null, saved);
    }

    private Observation save(PushContext ctx, Observation content, StoredObservation current, String hash, UUID opId,
                             RevisionChange change) {
        ServerChecks.Outcome outcome = checks.check(content, ctx.sentAt(), ctx.receivedAt());
        List<Flag> flags = ServerChecks.restamp(current.flags(), outcome.flags(), CONTENT_FLAGS);
        return store.update(current.id(), new ContentChange(content, hash, flags, outcome.areaM2(), outcome.clockOffsetSeconds()),
                ctx.actor().name(), opId, change);
    }

    private void remember(PushContext ctx, Observation mine, String hash, PushResult result) {
        AppliedOpEntity op = new AppliedOpEntity();
        op.contentHash = hash;
        op.opId = mine.opId();
        op.observationId = mine.id();
        op.actor = ctx.actor().name();
        op.status = result.status().name();
        op.rev = result.rev();
        op.result = SyncJson.write(result);
        op.appliedAt = OffsetDateTime.now(ZoneOffset.UTC);
        op.persist();
    }

    private static PushResult unchanged(Observation mine, Observation server) {
        return unchanged(mine, server.rev(), server.flags(), server);
    }

    private static PushResult unchanged(Observation mine, Long rev, List<Flag> flags, Observation server) {
        return new PushResult(mine.id(), mine.opId(), PushStatus.UNCHANGED, rev, List.of(), flags, null, server);
    }

    private static PushResult rejected(Observation mine, String field, String code, PushContext ctx) {
        return PushResult.rejected(mine.id(), mine.opId(),
                List.of(new FieldError(field, code, SyncMessages.text(code, ctx.locale()))));
    }
}
