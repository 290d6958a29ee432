package mx.implan.brujula.http;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.TimeoutException;

/**
 * Tells a database outage from every other failure. While PostgreSQL restarts or cannot be reached
 * the API answers 503 {@code DATABASE_UNAVAILABLE} with {@code Retry-After} (as photos answer
 * {@code STORAGE_UNAVAILABLE}), so clients wait and retry instead of reporting a bug; readiness says
 * DOWN meanwhile (the datasource health check). Code that must not mistake an outage for a bad item
 * (the sync push) asks here too.
 */
public final class DatabaseOutage {

    /** A restart of PostgreSQL takes seconds; the pool reconnects on the next request. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private DatabaseOutage() {
    }

    /** Whether {@code e}, or anything that caused it, says the database cannot be reached. */
    public static boolean is(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && (connectionState(sql.getSQLState())
                    || sql.getSQLState() == null && sql.getCause() instanceof TimeoutException)) {
                // The second case: the pool waited its acquisition timeout for a connection it could not open.
                return true;
            }
        }
        return false;
    }

    /** 503 {@code DATABASE_UNAVAILABLE} with {@code Retry-After}. */
    public static ApiProblem problem() {
        return new ApiProblem(503, "DATABASE_UNAVAILABLE", "Service Unavailable",
                "The database is not available right now; retry in a few seconds")
                .header("Retry-After", Integer.toString(RETRY_AFTER_SECONDS))
                .with("retryAfter", RETRY_AFTER_SECONDS);
    }

    /**
     * SQLSTATE class 08 (connection exception), 57P01–57P03 (the server is shutting down, crashed or
     * is starting) and 53300 (no connection slot left).
     */
    private static boolean connectionState(String state) {
        return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                || state.equals("57P03") || state.equals("53300"));
    }
}
