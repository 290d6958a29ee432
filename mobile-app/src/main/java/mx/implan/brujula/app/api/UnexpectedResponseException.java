package mx.implan.brujula.app.api;

/**
 * The server answered, but not as the contract says (unreadable JSON, a result count that does not match
 * the batch, a result for another id). Treated as a failure of the whole call so that no result is ever
 * attributed to the wrong journal item.
 */
public final class UnexpectedResponseException extends SyncClientException {

    public UnexpectedResponseException(String message, Throwable cause) {
        super(message, cause);
    }

    public UnexpectedResponseException(String message) {
        super(message, null);
    }
}
