package mx.implan.brujula.app.journal;

/**
 * What the user sees of one journal entry. Spanish labels live in the UI bundles
 * (guardado, pendiente, enviando, sincronizado, conflicto, rechazado, fotos pendientes).
 */
public enum EntryState {
    /** Saved on the device; not yet picked for sending (e.g. the user is still editing offline). */
    SAVED,
    /** Waiting for the next sync. */
    PENDING,
    /** In a push that has not answered yet. */
    SENDING,
    /** The server holds exactly this version and all its photos. */
    SYNCED,
    /** The same field changed on the device and on the server; the user chooses. */
    CONFLICT,
    /** The server refused it; {@link JournalEntry#errors()} says why. Kept, never deleted. */
    REJECTED,
    /** The observation arrived, some of its photos have not. */
    PHOTOS_PENDING
}
