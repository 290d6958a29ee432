package mx.implan.brujula.app.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import mx.implan.brujula.app.accounts.Account;
import mx.implan.brujula.app.accounts.DeviceSessions;
import mx.implan.brujula.app.api.ApiException;
import mx.implan.brujula.app.api.AuthenticationRequiredException;
import mx.implan.brujula.app.api.ClientTooOldException;
import mx.implan.brujula.app.api.CursorExpiredException;
import mx.implan.brujula.app.api.Open311Client;
import mx.implan.brujula.app.api.ServerUnavailableException;
import mx.implan.brujula.app.api.SyncClient;
import mx.implan.brujula.app.api.SyncClientException;
import mx.implan.brujula.app.api.TransportException;
import mx.implan.brujula.app.journal.CitizenTracking;
import mx.implan.brujula.app.journal.Journal;
import mx.implan.brujula.app.journal.JournalException;
import mx.implan.brujula.app.journal.PendingPhoto;
import mx.implan.brujula.model.observation.Observation;
import mx.implan.brujula.model.sync.FieldError;
import mx.implan.brujula.model.sync.PullResponse;
import mx.implan.brujula.model.sync.PushResult;
import mx.implan.brujula.model.sync.PushStatus;

/**
 * One pass of synchronisation, in the order that matters in the field: every user's observations first (a
 * severe risk must not wait behind megabytes of photos; risks by severity lead each batch), anonymous reports,
 * then the photos the server lists as missing (smallest first), then pull, then freeing photos the server
 * confirms it holds. Each user's entries travel with that user's token only. A failure that retrying can fix
 * ends the round (the engine backs off); a user whose session has ended is skipped, the others go on.
 */
final class SyncRound {

    private static final System.Logger LOG = System.getLogger(SyncRound.class.getName());

    /**
     * How a round ended. {@code retry}: the engine should back off and try again, not before {@code retryAfter}
     * when the server said how long to wait.
     */
    record Outcome(SyncStatus.Phase phase, boolean retry, String error, Duration retryAfter) {
        Outcome(SyncStatus.Phase phase, boolean retry, String error) {
            this(phase, retry, error, null);
        }

        static Outcome failed(SyncStatus.Phase phase, String error) {
            return new Outcome(phase, true, error);
        }
    }

    /** Ends the round; the engine backs off. */
    private static final class Stop extends RuntimeException {
        final Outcome outcome;

        Stop(Outcome outcome, Throwable cause) {
            super(outcome.error(), cause, false, false);
            this.outcome = outcome;
        }
    }

    private final JournalSides journal;
    private final DeviceSessions accounts;
    private final int batchSize;
    private final PhotoKeeping keeping;
    private final Clock clock;
    private final Consumer<SyncStatus.Phase> phase;
    private final Set<String> signInNeeded = new LinkedHashSet<>();
    private final Locale locale;
    private String softError;
    private boolean reached;
    /** Items the server could not apply now (FAILED) or answered with a status this app does not know. */
    private int unsettled;

    SyncRound(JournalSides journal, DeviceSessions accounts, int batchSize, PhotoKeeping keeping, Clock clock,
              Consumer<SyncStatus.Phase> phase) {
        this.journal = journal;
        this.accounts = accounts;
        this.batchSize = batchSize;
        this.keeping = keeping;
        this.clock = clock;
        this.phase = phase;
        this.locale = accounts.locale();
    }

    /** Whether the server answered anything this round: only then is a round a sync worth reporting as done. */
    boolean reachedServer() {
        return reached;
    }

    Outcome run() {
        try {
            Set<String> owners = new LinkedHashSet<>();
            accounts.current().ifPresent(a -> owners.add(a.username()));
            owners.addAll(journal.writes().ownersWithWork());
            accounts.known().forEach(a -> owners.add(a.username()));

            phase.accept(SyncStatus.Phase.PUSHING);
            for (String owner : owners) {
                withClient(owner, this::push);
            }
            citizenReports();

            phase.accept(SyncStatus.Phase.UPLOADING_PHOTOS);
            for (String owner : owners) {
                withClient(owner, this::photos);
            }

            phase.accept(SyncStatus.Phase.PULLING);
            for (String owner : owners) {
                withClient(owner, this::pull);
            }
            tracking();

            Instant savedBefore = keeping.savedBefore(clock.instant());
            for (String owner : owners) {
                withClient(owner, (o, client) -> freePhotos(o, client, savedBefore));
            }
            // An accepted anonymous report carried its photos inside: its 201 is the server's confirmation.
            journal.photos().removeConfirmed(journal.photos().removablePhotos(Journal.ANONYMOUS, savedBefore), savedBefore);
        } catch (Stop stop) {
            return stop.outcome;
        } catch (JournalException e) {
            return Outcome.failed(SyncStatus.Phase.BACKING_OFF, Messages.text(locale, "error.storage", e.getMessage()));
        }
        if (unsettled > 0) {
            // Nothing of those items was stored: they wait, pending, for a later round after a back-off.
            return Outcome.failed(SyncStatus.Phase.BACKING_OFF, Messages.text(locale, "error.itemsFailed", unsettled));
        }
        String current = accounts.current().map(Account::username).orElse(null);
        if (!signInNeeded.isEmpty() && (current == null || signInNeeded.contains(current)
                || journal.writes().ownersWithWork().stream().anyMatch(signInNeeded::contains))) {
            String who = current != null && signInNeeded.contains(current) ? current : signInNeeded.iterator().next();
            return new Outcome(SyncStatus.Phase.SIGN_IN_REQUIRED, false, Messages.text(locale, "error.signIn", who));
        }
        return new Outcome(SyncStatus.Phase.IDLE, false, softError);
    }

    private interface OwnerStep {
        void run(String owner, SyncClient client);
    }

    private void withClient(String owner, OwnerStep step) {
        if (signInNeeded.contains(owner)) {
            return;
        }
        Optional<SyncClient> client = accounts.client(owner);
        if (client.isEmpty()) {
            if (journal.writes().unsyncedCount(owner) > 0) {
                signInNeeded.add(owner);
            }
            return;
        }
        try {
            step.run(owner, client.get());
            reached = true;
        } catch (AuthenticationRequiredException e) {
            // The journal keeps everything of this user; the others still sync with their own tokens.
            accounts.markNeedsSignIn(owner);
            signInNeeded.add(owner);
        } catch (SyncClientException e) {
            throw stop(e);
        }
    }

    private Stop stop(SyncClientException e) {
        if (e instanceof ClientTooOldException) {
            return new Stop(new Outcome(SyncStatus.Phase.UPDATE_REQUIRED, false, Messages.text(locale, "error.update")), e);
        }
        if (e instanceof TransportException) {
            return new Stop(Outcome.failed(SyncStatus.Phase.OFFLINE, Messages.text(locale, "error.offline")), e);
        }
        if (e instanceof ServerUnavailableException unavailable) {
            // The server answered but cannot serve (database or storage down): nothing was refused, wait and resend.
            return new Stop(new Outcome(SyncStatus.Phase.SERVER_UNAVAILABLE, true,
                    Messages.text(locale, "error.serverUnavailable"), unavailable.retryAfter().orElse(null)), e);
        }
        String reason = e instanceof ApiException api ? "HTTP " + api.status() + " " + api.code() : e.getMessage();
        return new Stop(Outcome.failed(SyncStatus.Phase.BACKING_OFF, Messages.text(locale, "error.server", reason)), e);
    }

    private void push(String owner, SyncClient client) {
        Set<UUID> pushed = new HashSet<>();
        while (true) {
            List<Observation> writes = journal.writes().beginPush(owner, batchSize);
            boolean fresh = false;
            for (Observation w : writes) {
                fresh |= pushed.add(w.opId());
            }
            if (!fresh) {
                // Nothing left, or only writes already sent this round whose outcome stays unknown: next round.
                journal.writes().pushInterrupted(writes);
                return;
            }
            List<PushResult> results;
            try {
                results = pushOrSplit(client, writes);
                journal.writes().applyPush(writes, results);
            } catch (RuntimeException e) {
                journal.writes().pushInterrupted(writes);
                throw e;
            }
            unsettled += (int) results.stream()
                    .filter(r -> r.status() == null || r.status() == PushStatus.FAILED).count();
        }
    }

    /** A write too large for the server even alone is set aside as rejected instead of blocking the others. */
    private List<PushResult> pushOrSplit(SyncClient client, List<Observation> writes) {
        String deviceId = journal.writes().deviceId();
        try {
            return client.push(deviceId, writes);
        } catch (ApiException e) {
            if (e.status() != 413) {
                throw e;
            }
            List<PushResult> results = new ArrayList<>();
            for (Observation w : writes) {
                try {
                    results.addAll(client.push(deviceId, List.of(w)));
                } catch (ApiException single) {
                    if (single.status() != 413) {
                        throw single;
                    }
                    results.add(PushResult.rejected(w.id(), w.opId(),
                            List.of(new FieldError("", single.code(), single.detail()))));
                }
            }
            return results;
        }
    }

    private void citizenReports() {
        List<Observation> writes = journal.reports().beginCitizenReports();
        for (Observation write : writes) {
            List<PendingPhoto> stored = journal.reports().photosOf(write);
            if (stored.size() > Open311Client.MAX_MEDIA) {
                // Capture allows no more; a write from elsewhere with more is set aside with the reason, never cut short.
                journal.reports().citizenReportRejected(write, List.of(new FieldError("photos", "TOO_MANY_PHOTOS",
                        Messages.text(locale, "error.tooManyReportPhotos", Open311Client.MAX_MEDIA))));
                continue;
            }
            List<Open311Client.Photo> photos = stored.stream()
                    .map(p -> new Open311Client.Photo(p.sha256(), p.mediaType(), p.file())).toList();
            try {
                Open311Client.Submitted answer = accounts.open311().submit(write, journal.writes().deviceId(), photos);
                journal.reports().citizenReportAccepted(write, answer.token(), answer.serviceRequestId());
                reached = true;
            } catch (Open311Client.ReportRejectedException e) {
                journal.reports().citizenReportRejected(write, e.errors());
                reached = true;
            } catch (SyncClientException e) {
                journal.reports().citizenReportInterrupted(writes);
                throw stop(e);
            }
        }
    }

    private void photos(String owner, SyncClient client) {
        List<PendingPhoto> pending = journal.writes().pendingPhotos(owner);
        if (pending.isEmpty()) {
            return;
        }
        // The server's word on what it lacks: photos that arrived in an interrupted run are not sent again.
        Set<String> missing = new HashSet<>(client.missingPhotos(pending.stream().map(PendingPhoto::sha256).toList()));
        journal.writes().photosArrived(pending.stream().map(PendingPhoto::sha256).filter(h -> !missing.contains(h)).toList());
        for (PendingPhoto photo : pending) {
            if (!missing.contains(photo.sha256())) {
                continue;
            }
            try {
                client.uploadPhoto(photo.sha256(), photo.mediaType(), photo.file());
                journal.writes().photosArrived(List.of(photo.sha256()));
            } catch (ApiException e) {
                if (e.status() == 413 || e.status() == 415 || e.status() == 422) {
                    // This photo will not be accepted as it is; the others still go, the entry stays pending.
                    LOG.log(System.Logger.Level.WARNING, "Photo " + photo.sha256() + " refused: " + e.getMessage());
                    softError = Messages.text(locale, "error.photo", e.code());
                } else {
                    throw e;
                }
            }
        }
    }

    private void pull(String owner, SyncClient client) {
        String cursor = journal.pulls().pullCursor(owner);
        while (true) {
            PullResponse page;
            try {
                page = client.pull(cursor, SyncClient.DEFAULT_PULL_LIMIT);
            } catch (CursorExpiredException e) {
                journal.pulls().resetPull(owner);
                cursor = null;
                continue;
            }
            journal.pulls().applyPull(owner, page.changes(), page.next() == null ? cursor : page.next());
            cursor = page.next() == null ? cursor : page.next();
            if (!page.hasMore()) {
                offlineMap(owner, client);
                return;
            }
        }
    }

    /** Field staff's offline map, fetched while online when there is none yet or pull reported a change of their zones. */
    private void offlineMap(String owner, SyncClient client) {
        boolean citizen = accounts.known().stream().anyMatch(a -> a.username().equals(owner) && a.isCitizen());
        if (citizen || !journal.pulls().offlineMapWanted(owner)) {
            return;
        }
        Optional<byte[]> body;
        try {
            body = client.offlineMap(journal.pulls().offlineMapVersion(owner).orElse(null));
        } catch (ApiException e) {
            if (e.status() == 403 || e.status() == 404) {
                // A role without a map, or a server from before maps: the map is a help, never a reason to stop syncing.
                LOG.log(System.Logger.Level.INFO, "No offline map for " + owner + ": HTTP " + e.status());
                return;
            }
            throw e;
        }
        if (body.isEmpty()) {
            journal.pulls().offlineMapCurrent(owner);
            return;
        }
        try {
            journal.pulls().saveOfflineMap(owner, body.get());
        } catch (JournalException e) {
            LOG.log(System.Logger.Level.WARNING, "The offline map of " + owner + " was not kept: " + e.getMessage());
        }
    }

    private void tracking() {
        for (Map.Entry<UUID, CitizenTracking> e : journal.reports().trackedReports().entrySet()) {
            try {
                Open311Client.Status s = accounts.open311().status(e.getValue().token());
                journal.reports().applyTracking(e.getKey(), s.status(), s.statusNotes());
                reached = true;
            } catch (ApiException notFound) {
                if (notFound.status() != 404) {
                    throw stop(notFound);
                }
                reached = true;
            } catch (SyncClientException other) {
                throw stop(other);
            }
        }
    }

    /**
     * Photos of {@code owner}'s synced observations leave the device once the server, asked right now, confirms
     * it holds them (the missing-list leaves them out); never on the journal's word alone.
     */
    private void freePhotos(String owner, SyncClient client, Instant savedBefore) {
        List<String> candidates = journal.photos().removablePhotos(owner, savedBefore);
        if (candidates.isEmpty()) {
            return;
        }
        Set<String> missing = new HashSet<>(client.missingPhotos(candidates));
        List<String> confirmed = candidates.stream().filter(h -> !missing.contains(h)).toList();
        journal.photos().removeConfirmed(confirmed, savedBefore);
    }
}
