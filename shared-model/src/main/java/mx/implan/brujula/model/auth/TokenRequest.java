package mx.implan.brujula.model.auth;

/** Body of {@code POST /api/v1/auth/token}. */
public record TokenRequest(String username, String password) {

    /** Never print the password (records would by default). */
    @Override
    public String toString() {
        return "TokenRequest[username=" + username + ", password=***]";
    }
}
