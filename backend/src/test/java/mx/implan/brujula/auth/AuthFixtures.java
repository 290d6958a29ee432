package mx.implan.brujula.auth;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;

/** Helpers shared by the auth tests: fresh users with unique names, sign-in over HTTP. */
public final class AuthFixtures {

    public static final String PASSWORD = "correct horse battery";
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private AuthFixtures() {
    }

    /** A username no other test uses, so tests never depend on each other's data. */
    public static String uniqueUsername(String prefix) {
        return prefix + "-" + COUNTER.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static AppUser newUser(UserService users, String role) {
        return users.create(uniqueUsername(role), role, PASSWORD, "Test " + role);
    }

    public static Response signIn(String username, String password) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password))
                .post("/api/v1/auth/token");
    }

    public static Response refresh(String refreshToken) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("refreshToken", refreshToken))
                .post("/api/v1/auth/refresh");
    }

    public static Response me(String accessToken) {
        return given().header("Authorization", "Bearer " + accessToken).get("/api/v1/auth/me");
    }
}
