package mx.implan.brujula.app.api;

/**
 * 410 on pull: the cursor belongs to a sync epoch the server no longer has (e.g. after a restore). The caller
 * must drop its cursor and resync from scratch ({@code pull(null, …)}); the client does not do that by
 * itself because a full resync also means reconciling the local copy, which is the sync engine's business.
 */
public final class CursorExpiredException extends ApiException {

    public CursorExpiredException(Problem problem) {
        super(problem);
    }
}
