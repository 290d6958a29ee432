package mx.implan.brujula.auth;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static mx.implan.brujula.auth.AuthFixtures.PASSWORD;
import static mx.implan.brujula.auth.AuthFixtures.newUser;
import static mx.implan.brujula.auth.AuthFixtures.signIn;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
class TokenEndpointTest {

    @Inject
    UserService users;

    @Test
    void validCredentialsGetAnAccessAndARefreshToken() {
        AppUser user = newUser(users, Roles.INSPECTOR);
        signIn(user.username, PASSWORD).then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .header("Cache-Control", "no-store")
                .body("accessToken", matchesPattern("[\\w-]+\\.[\\w-]+\\.[\\w-]+"))
                .body("refreshToken", matchesPattern("[\\w-]{43}"))
                .body("expiresIn", equalTo(900));
    }

    @Test
    void usernameIsCaseInsensitive() {
        AppUser user = newUser(users, Roles.INSPECTOR);
        signIn(user.username.toUpperCase(), PASSWORD).then().statusCode(200);
    }

    @Test
    void wrongPasswordIs401ProblemWithCode() {
        AppUser user = newUser(users, Roles.INSPECTOR);
        signIn(user.username, "not the password").then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("code", equalTo("INVALID_CREDENTIALS"))
                .body("status", equalTo(401))
                .body("type", equalTo("https://brujula.implan.mx/problems/invalid-credentials"))
                .body("detail", equalTo("Usuario o contraseña incorrectos"));
    }

    @Test
    void problemDetailFollowsAcceptLanguage() {
        given().contentType(ContentType.JSON).header("Accept-Language", "en-US,en;q=0.8")
                .body("{\"username\":\"nobody-here\",\"password\":\"whatever-123\"}")
                .post("/api/v1/auth/token")
                .then().statusCode(401).body("detail", equalTo("Wrong username or password"));
    }

    @Test
    void unknownUserGetsTheSameAnswerAsAWrongPassword() {
        signIn("nobody-" + System.nanoTime(), PASSWORD).then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", notNullValue())
                .body("code", equalTo("INVALID_CREDENTIALS"));
    }

    @Test
    void disabledUserCannotSignIn() {
        AppUser user = newUser(users, Roles.SUPERVISOR);
        users.disable(user.username);
        signIn(user.username, PASSWORD).then().statusCode(401).body("code", equalTo("INVALID_CREDENTIALS"));
    }

    @Test
    void missingPasswordIs422NamingTheField() {
        given().contentType(ContentType.JSON).body("{\"username\":\"someone\"}")
                .post("/api/v1/auth/token")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("errors.field", hasItems("password"))
                .body("errors.code", hasItems("REQUIRED"));
    }

    @Test
    void emptyBodyIs422NamingBothFields() {
        given().contentType(ContentType.JSON).body("{}")
                .post("/api/v1/auth/token")
                .then().statusCode(422).body("errors.field", hasItems("username", "password"));
    }

    @Test
    void malformedJsonIs400Problem() {
        given().contentType(ContentType.JSON).body("{\"username\": \"x\", ")
                .post("/api/v1/auth/token")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("MALFORMED_JSON"))
                .body("detail", not(containsString("{")));
        given().contentType(ContentType.JSON).body("nojson")
                .post("/api/v1/auth/token")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("MALFORMED_JSON"))
                .body("detail", matchesPattern("El cuerpo no es JSON válido \\(línea 1, columna \\d+\\)"));
    }

    @Test
    void wrongJsonTypeIs400NamingTheField() {
        given().contentType(ContentType.JSON).body("{\"username\": [1], \"password\": \"abcdefghijk\"}")
                .post("/api/v1/auth/token")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("INVALID_TYPE"))
                .body("errors[0].field", equalTo("username"));
    }

    @Test
    void openApiDocumentsBearerJwtSecurity() {
        given().accept("application/json").get("/q/openapi")
                .then().statusCode(200)
                .body("components.securitySchemes.bearerJwt.scheme", equalTo("bearer"))
                .body("paths.'/api/v1/auth/token'.post.summary", containsString("Sign in"));
    }
}
