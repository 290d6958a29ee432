package mx.implan.brujula.app.api;

/**
 * No usable answer arrived: no network, connection refused or reset, timeout, or the calling thread was
 * interrupted. Whether the server applied a push is unknown; resending the same items is safe because every
 * write carries its opId (a replay comes back UNCHANGED).
 */
public final class TransportException extends SyncClientException {

    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }

    /** True when the request timed out (as opposed to failing outright). */
    public boolean isTimeout() {
        return getCause() instanceof java.net.http.HttpTimeoutException;
    }
}
