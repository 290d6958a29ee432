package mx.implan.brujula.app.journal;

import mx.implan.brujula.model.observation.Observation;
import mx.implan.brujula.model.observation.ObservationStatus;
import mx.implan.brujula.model.observation.Resolution;
import mx.implan.brujula.model.observation.StatusLifecycle;
import mx.implan.brujula.model.sync.PushResult;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * How one push result changes an entry. Pure functions, so every case is unit-tested without files or HTTP.
 * The result belongs to the write in {@link StoredEntry#sent()}; when the user edited the entry meanwhile, the
 * newer edit is kept and re-based on what the server now holds, so it is never lost or mistaken for synced.
 */
final class PushOutcomes {

    private PushOutcomes() {
    }

    static StoredEntry apply(StoredEntry e, Observation write, PushResult r) {
        boolean latest = Objects.equals(e.local().opId(), write.opId());
        if (r.status() == null) {
            // A status this app does not know (newer server): outcome unknown, the same write goes again.
            return e.toBuilder().state(pendingOr(e)).build();
        }
        return switch (r.status()) {
            case CREATED, UPDATED, UNCHANGED -> accepted(e, write, r, latest);
            case CONFLICT -> r.server() == null ? e.toBuilder().state(pendingOr(e)).sent(null).build()
                    : e.toBuilder().conflict(r.server()).state(EntryState.CONFLICT).errors(List.of()).sent(null).build();
            // Nothing of it was stored: no longer in flight; the entry's latest version goes in a later round.
            case FAILED -> e.toBuilder().state(pendingOr(e)).sent(null).build();
            case REJECTED -> latest
                    ? e.toBuilder().state(EntryState.REJECTED).errors(r.errors()).sent(null).build()
                    // The older write was refused; the newer edit gets its own verdict.
                    : e.toBuilder().state(pendingOr(e)).sent(null).build();
        };
    }

    private static StoredEntry accepted(StoredEntry e, Observation write, PushResult r, boolean latest) {
        List<String> missing = r.missingPhotos() == null ? List.of() : r.missingPhotos();
        Observation confirmed = r.server() != null ? r.server() : confirmedCopy(e, write, r);
        StoredEntry.Builder b = e.toBuilder().server(confirmed).missingPhotos(missing).sent(null).errors(List.of());
        if (latest) {
            b.local(r.server() != null ? Versions.deviceCopy(r.server()) : Versions.deviceCopy(e.local()))
                    .conflict(null)
                    .state(missing.isEmpty() ? EntryState.SYNCED : EntryState.PHOTOS_PENDING);
        } else {
            b.local(rebase(e.local(), write, r, confirmed)).state(pendingOr(e));
        }
        return b.build();
    }

    /** The newer local edit, now on top of the revision the in-flight write produced. */
    private static Observation rebase(Observation local, Observation write, PushResult r, Observation confirmed) {
        long rev = r.rev() == null ? 0 : r.rev();
        long base = local.baseRev() == null ? 0 : local.baseRev();
        if (base >= rev) {
            return local;
        }
        if (r.server() != null) {
            // The server merged my older write with someone else's: carry my newer edit onto that merge.
            UUID opId = local.opId();
            return Versions.deviceCopy(Versions.onTop(write, r.server(), local)).toBuilder()
                    .opId(opId).baseRev(rev).build();
        }
        return local.toBuilder().baseRev(rev).build();
    }

    private static Observation confirmedCopy(StoredEntry e, Observation write, PushResult r) {
        ObservationStatus status = e.server() != null && e.server().status() != null ? e.server().status()
                : write.kind() == null ? null : StatusLifecycle.initial(write.kind());
        Observation content = write.resolution() == Resolution.TAKE_SERVER && e.server() != null ? e.server() : write;
        return Versions.deviceCopy(content).withServerFields(r.rev(), e.owner().isEmpty() ? null : e.owner(), status,
                e.server() == null ? null : e.server().receivedAt(), r.flags(),
                e.server() == null ? null : e.server().areaM2(), r.missingPhotos());
    }

    private static EntryState pendingOr(StoredEntry e) {
        return e.state() == EntryState.CONFLICT ? EntryState.CONFLICT : EntryState.PENDING;
    }
}
