package mx.implan.brujula.app.journal;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The device's durable record of what the user captured and what the server said about it.
 * Every method that changes state returns only after the change is on disk: a crash at any point leaves
 * the previous or the new state, never a torn one. Implementations are safe to call from any thread.
 */
public interface Journal {

    /** Owner of anonymous citizen reports (sent through Open311, answered with a tracking token). */
    String ANONYMOUS = "";

    /**
     * Saves a new observation or a local edit. Validates with shared-model's rules first and throws
     * {@link InvalidDraftException} (field errors for the form) without writing anything when invalid.
     * Each save gets a fresh opId; an edit of a synced entry carries the server's rev as baseRev.
     */
    JournalEntry save(Draft draft);

    Optional<JournalEntry> find(UUID observationId);

    /** The owner's entries, newest first. */
    List<JournalEntry> entries(String owner);

    /** Works assigned to the owner, by name. */
    List<AssignedWork> works(String owner);

    Optional<AssignedWork> work(UUID workId);

    /** The owner's offline map (their zones, works and the municipal boundary), once fetched. */
    default Optional<OfflineMap> offlineMap(String owner) {
        return Optional.empty();
    }

    /** Resolves a conflict by pushing the local version again on top of the server's rev. */
    JournalEntry keepMine(UUID observationId);

    /** Resolves a conflict by adopting the server's copy. */
    JournalEntry takeServer(UUID observationId);

    /** The stored copy of a photo taken on this device, if present. */
    Optional<Path> photo(String sha256);

    /**
     * A picture to show for a photo: the photo itself while it is on the device, else the thumbnail kept when it
     * left the device after the server confirmed it holds it.
     */
    default Optional<Path> preview(String sha256) {
        return photo(sha256);
    }

    /** Called (on any thread) after every durable change, including ones made by the sync engine. */
    AutoCloseable onChange(Runnable listener);
}
