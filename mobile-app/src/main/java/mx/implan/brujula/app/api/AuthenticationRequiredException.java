package mx.implan.brujula.app.api;

/**
 * The user has to sign in (again): the client holds no tokens, or the server refused the refresh token
 * (expired, revoked, already used), or refused a freshly refreshed access token. The request that needed
 * authentication was not applied; unsent journal items stay where they are.
 */
public final class AuthenticationRequiredException extends SyncClientException {

    public AuthenticationRequiredException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The server's answer that ended the session, when there was one. */
    public java.util.Optional<ApiException> serverAnswer() {
        return getCause() instanceof ApiException api ? java.util.Optional.of(api) : java.util.Optional.empty();
    }
}
