package mx.implan.brujula.app.journal;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Freeing the device of photos the server already holds. A photo's local copy may go only when every entry that
 * references it is synced (nothing pending, in flight, in conflict, rejected or missing photos) and the server
 * has confirmed it holds the bytes; what is removed leaves a thumbnail behind for the lists. The journal decides
 * what is eligible, the sync engine asks the server and hands back what it confirmed.
 */
public interface PhotoRetention {

    /**
     * Photos of {@code owner}'s entries whose copy may go once the server confirms it holds them: every entry
     * referencing them (anyone's) is synced, and the newest of those was saved before {@code savedBefore}. For
     * {@link Journal#ANONYMOUS}, photos of reports Open311 accepted (their photos travelled inside the report).
     */
    List<String> removablePhotos(String owner, Instant savedBefore);

    /**
     * Removes the local copies of {@code confirmed} (hashes the server said it holds), each after writing its
     * thumbnail; a photo that stopped being removable meanwhile (a newer edit, a new capture of it) is kept.
     * Returns the hashes removed.
     */
    List<String> removeConfirmed(Collection<String> confirmed, Instant savedBefore);
}
