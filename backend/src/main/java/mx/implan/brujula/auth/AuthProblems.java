package mx.implan.brujula.auth;

import mx.implan.brujula.http.ApiProblem;

/** The 401 problems of signing in; each carries the challenge header HTTP requires on a 401. */
public final class AuthProblems {

    private AuthProblems() {
    }

    /** Same answer for unknown user, wrong password and disabled account: nothing to learn from it. */
    public static ApiProblem invalidCredentials() {
        return new ApiProblem(401, "INVALID_CREDENTIALS", "Unauthorized", "Wrong username or password")
                .header("WWW-Authenticate", "Bearer");
    }

    /** Unknown, expired, revoked or already used refresh token: the client must sign in again. */
    public static ApiProblem invalidRefreshToken() {
        return new ApiProblem(401, "INVALID_REFRESH_TOKEN", "Unauthorized", "The refresh token is invalid, already used or expired")
                .header("WWW-Authenticate", "Bearer");
    }
}
