package mx.implan.brujula.auth;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;
import mx.implan.brujula.auth.token.SigningKeyService;
import mx.implan.brujula.auth.token.TokenService;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static mx.implan.brujula.auth.AuthFixtures.PASSWORD;
import static mx.implan.brujula.auth.AuthFixtures.me;
import static mx.implan.brujula.auth.AuthFixtures.newUser;
import static mx.implan.brujula.auth.AuthFixtures.signIn;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class AccessTokenTest {

    @Inject
    UserService users;

    @Inject
    SigningKeyService keys;

    @ConfigProperty(name = "mp.jwt.verify.issuer")
    String issuer;

    @Test
    void accessTokenOpensMe() {
        AppUser user = newUser(users, Roles.SUPERVISOR);
        String token = signIn(user.username, PASSWORD).then().statusCode(200).extract().path("accessToken");

        me(token).then().statusCode(200)
                .body("username", equalTo(user.username))
                .body("role", equalTo("supervisor"))
                .body("displayName", equalTo("Test supervisor"));
    }

    @Test
    void missingTokenIs401ProblemWithChallenge() {
        given().get("/api/v1/auth/me").then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("code", equalTo("UNAUTHENTICATED"));
    }

    @Test
    void garbageTokenIs401ProblemWithChallenge() {
        assertRefused("garbage");
        assertRefused("eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2lnbmF0dXJl");
    }

    @Test
    void expiredTokenIs401() {
        AppUser user = newUser(users, Roles.INSPECTOR);
        Instant past = Instant.now().minusSeconds(7200);
        assertRefused(sign(user, issuer, past, past.plusSeconds(3600), keys.current().privateKey()));
    }

    @Test
    void tokenSignedByAnotherKeyWithOurKidIs401() throws Exception {
        AppUser user = newUser(users, Roles.ADMIN);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        PrivateKey forger = generator.generateKeyPair().getPrivate();
        Instant now = Instant.now();
        assertRefused(sign(user, issuer, now, now.plusSeconds(600), forger));
    }

    @Test
    void tokenFromAnotherIssuerIs401() {
        AppUser user = newUser(users, Roles.ADMIN);
        Instant now = Instant.now();
        assertRefused(sign(user, "https://evil.example", now, now.plusSeconds(600), keys.current().privateKey()));
    }

    @Test
    void tokenBuiltWithTheDatabaseKeyIsAccepted() {
        // Control for the three tests above: only the broken part makes them fail.
        AppUser user = newUser(users, Roles.INSPECTOR);
        Instant now = Instant.now();
        me(sign(user, issuer, now, now.plusSeconds(600), keys.current().privateKey())).then().statusCode(200);
    }

    @Test
    void passwordChangeMakesOldAccessTokensFail() {
        AppUser user = newUser(users, Roles.INSPECTOR);
        String old = signIn(user.username, PASSWORD).then().statusCode(200).extract().path("accessToken");
        me(old).then().statusCode(200);

        users.changePassword(user.username, "another long password");

        assertRefused(old);
        String fresh = signIn(user.username, "another long password").then().statusCode(200).extract().path("accessToken");
        me(fresh).then().statusCode(200);
    }

    @Test
    void disablingAUserMakesTheirTokensFail() {
        AppUser user = newUser(users, Roles.INSPECTOR);
        String old = signIn(user.username, PASSWORD).then().statusCode(200).extract().path("accessToken");
        users.disable(user.username);

        assertRefused(old);

        // Re-enabling does not resurrect tokens issued before the disable.
        users.enable(user.username);
        assertRefused(old);
        signIn(user.username, PASSWORD).then().statusCode(200);
    }

    @Test
    void currentActorCarriesNameAndRoleOfTheCaller() {
        AppUser user = newUser(users, Roles.INSPECTOR);
        String token = signIn(user.username, PASSWORD).then().statusCode(200).extract().path("accessToken");
        given().header("Authorization", "Bearer " + token).get(ActorProbeResource.PATH).then()
                .statusCode(200)
                .body("name", equalTo(user.username))
                .body("roles", contains("inspector"));
    }

    @Test
    void roleOutsideRolesAllowedIs403Problem() {
        AppUser user = newUser(users, Roles.CITIZEN);
        String token = signIn(user.username, PASSWORD).then().statusCode(200).extract().path("accessToken");
        given().header("Authorization", "Bearer " + token).get(ActorProbeResource.PATH).then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("code", equalTo("FORBIDDEN"));
    }

    private String sign(AppUser user, String iss, Instant issuedAt, Instant expiresAt, PrivateKey key) {
        return Jwt.issuer(iss)
                .upn(user.username)
                .subject(user.id.toString())
                .groups(Set.of(user.role))
                .claim(TokenService.TOKEN_VERSION_CLAIM, user.tokenVersion)
                .issuedAt(issuedAt)
                .expiresAt(expiresAt)
                .jws().keyId(keys.current().kid())
                .sign(key);
    }

    private static void assertRefused(String token) {
        me(token).then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("code", equalTo("UNAUTHENTICATED"));
    }
}
