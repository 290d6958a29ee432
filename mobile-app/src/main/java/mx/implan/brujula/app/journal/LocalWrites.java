package mx.implan.brujula.app.journal;

import mx.implan.brujula.model.observation.Observation;
import mx.implan.brujula.model.sync.PushResult;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The queue of local writes waiting for the server, as the sync engine drains it: writes are handed out and
 * recorded as in flight before they are sent, then settled by the server's per-item answers. A write whose
 * answer never arrived is handed out again as it was (same opId), so a lost answer is replayed, never guessed.
 */
public interface LocalWrites {

    /** This device's id, sent with every push. */
    String deviceId();

    /** Owners of entries that still need the server (push, photos), in no particular order; never anonymous. */
    Set<String> ownersWithWork();

    /** Entries of {@code owner} not yet SYNCED (what the sync status calls pending). */
    int unsyncedCount(String owner);

    /**
     * Picks up to {@code max} writes of {@code owner} to push and records each as in flight (durably) before it
     * is sent. Severe risks go first.
     */
    List<Observation> beginPush(String owner, int max);

    /** Applies the server's answers to the writes {@link #beginPush} handed out (same order). */
    void applyPush(List<Observation> writes, List<PushResult> results);

    /** The push failed without answers: the writes stay in flight (resent as they are) and show as pending. */
    void pushInterrupted(List<Observation> writes);

    /** Photos of {@code owner}'s entries that the server listed as missing and that are stored here, smallest first. */
    List<PendingPhoto> pendingPhotos(String owner);

    /** The server now holds these photos: entries waiting only for them become SYNCED. */
    void photosArrived(Collection<String> hashes);

    /** Called after each change the user made (save, conflict resolution): the sync engine wakes up on it. */
    AutoCloseable onUserWrite(Runnable listener);
}
