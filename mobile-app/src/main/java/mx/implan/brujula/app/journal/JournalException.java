package mx.implan.brujula.app.journal;

/** The journal could not read or durably write its store (disk full, permissions, corrupted file). */
public class JournalException extends RuntimeException {

    public JournalException(String message, Throwable cause) {
        super(message, cause);
    }

    public JournalException(String message) {
        super(message);
    }
}
