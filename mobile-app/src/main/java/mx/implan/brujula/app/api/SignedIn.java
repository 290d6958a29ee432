package mx.implan.brujula.app.api;

/**
 * Who a session belongs to, as {@code GET /api/v1/auth/me} says.
 *
 * @param username    login name
 * @param role        the server's role name (e.g. {@code inspector}), as sent
 * @param displayName the name to show; the username when the server gave none
 */
public record SignedIn(String username, String role, String displayName) {
}
