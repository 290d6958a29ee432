package mx.implan.brujula.auth;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static mx.implan.brujula.auth.AuthFixtures.PASSWORD;
import static mx.implan.brujula.auth.AuthFixtures.me;
import static mx.implan.brujula.auth.AuthFixtures.newUser;
import static mx.implan.brujula.auth.AuthFixtures.refresh;
import static mx.implan.brujula.auth.AuthFixtures.signIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

@QuarkusTest
class RefreshTokenTest {

    @Inject
    UserService users;

    @Inject
    EntityManager em;

    @Test
    void refreshRotatesAndTheOldTokenIsRefusedTheSecondTime() {
        AppUser user = newUser(users, Roles.INSPECTOR);
        JsonPath first = signIn(user.username, PASSWORD).then().statusCode(200).extract().jsonPath();

        JsonPath second = refresh(first.getString("refreshToken")).then()
                .statusCode(200)
                .header("Cache-Control", "no-store")
                .extract().jsonPath();
        assertThat(second.getString("refreshToken")).isNotEqualTo(first.getString("refreshToken"));
        me(second.getString("accessToken")).then().statusCode(200).body("username", equalTo(user.username));

        refresh(first.getString("refreshToken")).then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("code", equalTo("INVALID_REFRESH_TOKEN"));
    }

    @Test
    void reusingARefreshTokenRevokesItsWholeFamily() {
        AppUser user = newUser(users, Roles.INSPECTOR);
        String stolen = signIn(user.username, PASSWORD).then().statusCode(200).extract().path("refreshToken");
        String rightful = refresh(stolen).then().statusCode(200).extract().path("refreshToken");

        refresh(stolen).then().statusCode(401);

        // The newer token of the same sign-in dies too: we cannot tell the thief from the owner.
        refresh(rightful).then().statusCode(401).body("code", equalTo("INVALID_REFRESH_TOKEN"));
    }

    @Test
    void reusingARefreshTokenAlsoKillsTheAccessTokensAlreadyIssued() {
        AppUser user = newUser(users, Roles.INSPECTOR);
        JsonPath signIn = signIn(user.username, PASSWORD).then().statusCode(200).extract().jsonPath();
        JsonPath rotated = refresh(signIn.getString("refreshToken")).then().statusCode(200).extract().jsonPath();
        me(signIn.getString("accessToken")).then().statusCode(200);
        me(rotated.getString("accessToken")).then().statusCode(200);

        refresh(signIn.getString("refreshToken")).then().statusCode(401);

        // Whoever holds the copy cannot go on with the access tokens it already has.
        me(signIn.getString("accessToken")).then().statusCode(401).body("code", equalTo("UNAUTHENTICATED"));
        me(rotated.getString("accessToken")).then().statusCode(401);
    }

    @Test
    void reuseInOneSignInLeavesOtherSignInsAlone() {
        AppUser user = newUser(users, Roles.INSPECTOR);
        String tablet = signIn(user.username, PASSWORD).then().statusCode(200).extract().path("refreshToken");
        String phone = signIn(user.username, PASSWORD).then().statusCode(200).extract().path("refreshToken");
        refresh(tablet).then().statusCode(200);
        refresh(tablet).then().statusCode(401);

        refresh(phone).then().statusCode(200);
    }

    @Test
    void unknownRefreshTokenIs401() {
        refresh("this-token-was-never-issued-by-brujula-0000000").then()
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .body("code", equalTo("INVALID_REFRESH_TOKEN"));
    }

    @Test
    void expiredRefreshTokenIs401() {
        AppUser user = newUser(users, Roles.CITIZEN);
        String token = signIn(user.username, PASSWORD).then().statusCode(200).extract().path("refreshToken");
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "UPDATE refresh_token SET expires_at = now() - interval '1 minute' WHERE user_id = ?1")
                .setParameter(1, user.id).executeUpdate());

        refresh(token).then().statusCode(401).body("code", equalTo("INVALID_REFRESH_TOKEN"));
    }

    @Test
    void disabledUserCannotRefresh() {
        AppUser user = newUser(users, Roles.CITIZEN);
        String token = signIn(user.username, PASSWORD).then().statusCode(200).extract().path("refreshToken");
        users.disable(user.username);

        refresh(token).then().statusCode(401).body("code", equalTo("INVALID_REFRESH_TOKEN"));
    }

    @Test
    void passwordChangeEndsRefreshTokens() {
        AppUser user = newUser(users, Roles.CITIZEN);
        String token = signIn(user.username, PASSWORD).then().statusCode(200).extract().path("refreshToken");
        users.changePassword(user.username, "a brand new password");

        refresh(token).then().statusCode(401);
        signIn(user.username, "a brand new password").then().statusCode(200);
    }

    @Test
    void refreshWorksWhileTheAccessTokenInTheHeaderHasExpired() {
        AppUser user = newUser(users, Roles.INSPECTOR);
        String token = signIn(user.username, PASSWORD).then().statusCode(200).extract().path("refreshToken");
        given().contentType(ContentType.JSON).header("Authorization", "Bearer not.a.valid-token")
                .body("{\"refreshToken\":\"" + token + "\"}")
                .post("/api/v1/auth/refresh")
                .then().statusCode(200);
    }

    @Test
    void missingRefreshTokenIs422NamingTheField() {
        given().contentType(ContentType.JSON).body("{}")
                .post("/api/v1/auth/refresh")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("refreshToken"));
    }
}
