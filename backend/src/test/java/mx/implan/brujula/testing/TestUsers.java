package mx.implan.brujula.testing;

import io.restassured.http.ContentType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import mx.implan.brujula.auth.UserService;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static io.restassured.RestAssured.given;

/** Real accounts and real tokens for tests: users are created once per run, tokens obtained over HTTP. */
@ApplicationScoped
public class TestUsers {

    public static final String PASSWORD = "contraseña-de-prueba-1";

    @Inject
    UserService users;

    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    /** {@code Bearer …} for a user with this name and role, creating the account on first use. */
    public String bearer(String username, String role) {
        return "Bearer " + tokens.computeIfAbsent(username, u -> {
            if (users.findByUsername(u).isEmpty()) {
                users.create(u, role, PASSWORD, u);
            }
            return given().contentType(ContentType.JSON)
                    .body(Map.of("username", u, "password", PASSWORD))
                    .post("/api/v1/auth/token")
                    .then().statusCode(200)
                    .extract().path("accessToken");
        });
    }
}
