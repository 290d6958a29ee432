package mx.implan.brujula.app.api;

/**
 * Base of everything {@link SyncClient} throws. Unchecked, and split by what the caller should do:
 * {@link TransportException} (no answer: retry later), {@link ApiException} (the server answered with an error),
 * {@link AuthenticationRequiredException} (ask the user to sign in), {@link UnexpectedResponseException}
 * (the server answered something the contract does not allow). None of them means local data was lost:
 * the client never drops journal items, it only reports.
 */
public abstract class SyncClientException extends RuntimeException {

    protected SyncClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
