package mx.implan.brujula.app.sync;

import mx.implan.brujula.app.api.Open311Client;

/**
 * Moves the journal to the server and back: observation batches first, then the photos the server lists as
 * missing (smallest first, resumable), then pull (status changes, assignments, catalogues). Runs on its own
 * thread; never a tight loop.
 */
public interface SyncEngine extends AutoCloseable {

    /**
     * Most photos an anonymous report carries (they travel inside it, through Open311): the capture screen
     * refuses more, and the engine sets aside a report with more, with the reason, rather than cut it short.
     */
    int MAX_REPORT_PHOTOS = Open311Client.MAX_MEDIA;

    /** Asks for a sync as soon as possible (button, connectivity regained). Returns at once. */
    void requestSync();

    SyncStatus status();

    /** Called (on any thread) whenever {@link #status()} changes. */
    AutoCloseable onStatus(Runnable listener);

    @Override
    void close();
}
