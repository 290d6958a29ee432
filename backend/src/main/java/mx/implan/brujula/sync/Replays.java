package mx.implan.brujula.sync;

import mx.implan.brujula.model.observation.Observation;
import mx.implan.brujula.model.sync.FieldError;
import mx.implan.brujula.model.sync.PushResult;
import mx.implan.brujula.model.sync.PushStatus;

import java.util.List;
import java.util.UUID;

/**
 * The answer to a write whose opId was applied before, on the per-item and the batch path alike: the original
 * result when it is the same write again, OP_ID_REUSED when the opId now carries another observation, another
 * author or other content (a client bug that must be visible, never a silent drop).
 */
final class Replays {

    /** What is kept of an applied write; {@code contentHash} is null for writes applied before it was kept. */
    record Applied(UUID observationId, String actor, String result, String contentHash) {
    }

    private Replays() {
    }

    static PushResult answer(PushContext ctx, Observation mine, String contentHash, Applied applied) {
        if (!applied.actor().equals(ctx.actor().name()) || !applied.observationId().equals(mine.id())) {
            return reused(mine, SyncMessages.text("OP_ID_REUSED", ctx.locale()));
        }
        PushResult original = SyncJson.readResult(applied.result());
        if (applied.contentHash() != null && !applied.contentHash().equals(contentHash)) {
            return reused(mine, SyncMessages.text("OP_ID_REUSED.content", ctx.locale(), original.rev(), mine.id()));
        }
        if (original.status() == PushStatus.CONFLICT) {
            return original;
        }
        // The write is already in: same rev and flags as the first time, so the device can adopt them.
        return new PushResult(original.id(), original.opId(), PushStatus.UNCHANGED, original.rev(),
                original.missingPhotos(), original.flags(), null, original.server());
    }

    private static PushResult reused(Observation mine, String message) {
        return PushResult.rejected(mine.id(), mine.opId(), List.of(new FieldError("opId", "OP_ID_REUSED", message)));
    }
}
