package mx.implan.brujula.model.auth;

/** Exchanges a refresh token for a new token pair. */
public record RefreshRequest(String refreshToken) {

    @Override
    public String toString() {
        return "RefreshRequest[refreshToken=***]";
    }
}
