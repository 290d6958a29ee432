package mx.implan.brujula.app.accounts;

/**
 * A signed-in person on this device.
 *
 * @param username login name; the owner of the journal entries they capture
 * @param role     CITIZEN, INSPECTOR, SUPERVISOR or ADMIN (as the server's /api/v1/auth/me says)
 * @param name     display name
 */
public record Account(String username, String role, String name) {

    public boolean isCitizen() {
        return "CITIZEN".equals(role);
    }
}
