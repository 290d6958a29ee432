package mx.implan.brujula.auth;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import jakarta.inject.Inject;
import mx.implan.brujula.auth.token.TokenService;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * OIDC by configuration: tokens of an external provider (a stand-in serving its JWKS over real
 * HTTP) are accepted with their roles read from realm_access/roles, as Keycloak issues them, and
 * refused when issuer, audience, key or lifetime is wrong. The embedded sign-in is off.
 */
@QuarkusTest
@TestProfile(ExternalIdentityProviderTest.WithProvider.class)
class ExternalIdentityProviderTest {

    public static class WithProvider implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ExternalIdentityProvider.class));
        }
    }

    @ConfigProperty(name = ExternalIdentityProvider.PRIVATE_KEY_PROPERTY)
    String providerKey;
    @Inject
    UserService users;
    @Inject
    TokenService tokens;

    private JwtClaimsBuilder claims(String username, List<String> roles) {
        Instant now = Instant.now();
        return Jwt.issuer(ExternalIdentityProvider.ISSUER)
                .audience(ExternalIdentityProvider.AUDIENCE)
                .subject("f4c1d7d2-0000-4000-8000-" + Math.abs(username.hashCode()))
                .claim("preferred_username", username)
                .claim("realm_access", Map.of("roles", roles))
                .issuedAt(now)
                .expiresAt(now.plusSeconds(300));
    }

    private String sign(JwtClaimsBuilder claims) {
        return claims.jws().keyId(ExternalIdentityProvider.KID).sign(providerKey());
    }

    private PrivateKey providerKey() {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(providerKey)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aProviderTokenIsAcceptedWithItsRealmRoles() {
        String token = sign(claims("ana.supervisora", List.of("offline_access", "supervisor", "uma_authorization")));
        given().header("Authorization", "Bearer " + token).get("/api/v1/auth/me").then().statusCode(200)
                .body("username", equalTo("ana.supervisora")).body("role", equalTo("supervisor"));
        // A supervisor-only endpoint: the role name from the provider is the one our rules use.
        given().header("Authorization", "Bearer " + token).get("/api/v1/moderation/photos").then().statusCode(200);
    }

    @Test
    void rolesDecideWhatAProviderUserMayDo() {
        String inspector = sign(claims("luis.inspector", List.of("inspector")));
        given().header("Authorization", "Bearer " + inspector).get("/api/v1/moderation/photos").then().statusCode(403);
        given().header("Authorization", "Bearer " + inspector).get("/api/v1/observations").then().statusCode(200);
        String nobody = sign(claims("sin.rol", List.of("offline_access")));
        given().header("Authorization", "Bearer " + nobody).get("/api/v1/observations").then().statusCode(403);
    }

    @Test
    void aTokenOfAnotherIssuerIsRefused() {
        String token = sign(claims("ana", List.of("supervisor")).issuer("https://sso.example.mx/realms/otro"));
        refused(token);
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        refused(sign(claims("ana", List.of("supervisor")).audience("otra-app")));
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() {
        refused(claims("ana", List.of("supervisor")).jws().keyId(ExternalIdentityProvider.KID)
                .sign(ExternalIdentityProvider.rsa().getPrivate()));
    }

    @Test
    void anExpiredTokenIsRefused() {
        Instant past = Instant.now().minusSeconds(3600);
        refused(sign(claims("ana", List.of("supervisor")).issuedAt(past).expiresAt(past.plusSeconds(300))));
    }

    @Test
    void controlTheSameTokenWithNothingWrongIsAccepted() {
        // Control for the refusals above: only the part they break makes them fail.
        given().header("Authorization", "Bearer " + sign(claims("ana", List.of("supervisor"))))
                .get("/api/v1/auth/me").then().statusCode(200);
    }

    @Test
    void theEmbeddedSignInIsOffAndItsTokensAreRefused() {
        AppUser local = AuthFixtures.newUser(users, Roles.SUPERVISOR);
        given().contentType(ContentType.JSON).body(Map.of("username", local.username, "password", AuthFixtures.PASSWORD))
                .post("/api/v1/auth/token").then().statusCode(404).contentType("application/problem+json")
                .body("code", equalTo("EMBEDDED_LOGIN_DISABLED")).body("issuer", equalTo(ExternalIdentityProvider.ISSUER));
        given().contentType(ContentType.JSON).body(Map.of("refreshToken", "x")).post("/api/v1/auth/refresh")
                .then().statusCode(404);
        refused(tokens.accessToken(local, Instant.now()));
    }

    private static void refused(String token) {
        given().header("Authorization", "Bearer " + token).get("/api/v1/auth/me").then().statusCode(401)
                .contentType("application/problem+json").body("code", equalTo("UNAUTHENTICATED"));
    }
}
