package mx.implan.brujula.app.sync;

import java.time.Instant;

/**
 * What the UI shows of synchronisation.
 *
 * @param phase       what the engine is doing now
 * @param pending     entries of the signed-in user not yet on the server (incl. photos pending)
 * @param lastSuccess end of the last complete sync; null if none yet
 * @param nextAttempt when the engine will try again after a failure; null when not backing off
 * @param lastError   short, user-facing reason of the last failure (already localized); null after a success
 */
public record SyncStatus(Phase phase, int pending, Instant lastSuccess, Instant nextAttempt, String lastError) {

    public enum Phase {
        IDLE,
        PUSHING,
        UPLOADING_PHOTOS,
        PULLING,
        /** A failure happened; waiting until {@code nextAttempt} (exponential back-off with jitter). */
        BACKING_OFF,
        /** No server reachable; waiting for connectivity. */
        OFFLINE,
        /**
         * The server answered that it cannot serve now (503: its database or photo storage is unavailable);
         * waiting until {@code nextAttempt}, as long as its {@code Retry-After} asked. Nothing was refused.
         */
        SERVER_UNAVAILABLE,
        /** The server answered 401 for the owner of pending entries: the journal is kept, sign in again. */
        SIGN_IN_REQUIRED,
        /** The server refused this app version (426): update the app. */
        UPDATE_REQUIRED
    }
}
