package mx.implan.brujula.app.sync;

/**
 * Moves the journal to the server and back: observation batches first, then the photos the server lists as
 * missing (smallest first, resumable), then pull (status changes, assignments, catalogues). Runs on its own
 * thread; never a tight loop.
 */
public interface SyncEngine extends AutoCloseable {

    /** Asks for a sync as soon as possible (button, connectivity regained). Returns at once. */
    void requestSync();

    SyncStatus status();

    /** Called (on any thread) whenever {@link #status()} changes. */
    AutoCloseable onStatus(Runnable listener);

    @Override
    void close();
}
