package mx.implan.brujula.model.auth;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Token pair; {@code expiresIn} is the access token's lifetime in seconds. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenResponse(String accessToken, String refreshToken, long expiresIn) {

    @Override
    public String toString() {
        return "TokenResponse[accessToken=***, refreshToken=***, expiresIn=" + expiresIn + "]";
    }
}
