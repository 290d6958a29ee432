package mx.implan.brujula.app.journal;

import mx.implan.brujula.model.sync.Change;

import java.util.List;

/** Where pulled changes land, per user, with the cursor to continue from. */
public interface PulledChanges {

    /** Where {@code owner}'s next pull starts; null to pull from the beginning. */
    String pullCursor(String owner);

    /** The server no longer knows the cursor (410): start over, forgetting works that a full pull re-sends. */
    void resetPull(String owner);

    /**
     * Applies one page of pulled changes for {@code owner}, then stores {@code next}. Entries are written before
     * the cursor, so a crash in between pulls the page again (applying a change twice is harmless).
     */
    void applyPull(String owner, List<Change> changes, String next);

    /** Whether {@code owner}'s offline map must be fetched: there is none yet, or pull reported a change of their zones. */
    default boolean offlineMapWanted(String owner) {
        return false;
    }

    /** The version of the offline map held for {@code owner}, to ask the server whether it changed. */
    default java.util.Optional<String> offlineMapVersion(String owner) {
        return java.util.Optional.empty();
    }

    /** The server answered that the map held is current. */
    default void offlineMapCurrent(String owner) {
    }

    /** Stores the offline map the server sent for {@code owner}. */
    default void saveOfflineMap(String owner, byte[] body) {
    }
}
