package mx.implan.brujula.limits;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import mx.implan.brujula.auth.AppUser;
import mx.implan.brujula.auth.Roles;
import mx.implan.brujula.auth.UserService;
import mx.implan.brujula.testing.Db;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static mx.implan.brujula.auth.AuthFixtures.PASSWORD;
import static mx.implan.brujula.auth.AuthFixtures.newUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Login back-off with the default settings (5 failures, then 30 s doubling up to 15 min), from the
 * test client's own address 127.0.0.1 and with no trusted proxies. Every test uses its own users,
 * so the pauses never reach another test.
 */
@QuarkusTest
class LoginBackoffTest {

    @Inject
    UserService users;
    @Inject
    LoginBackoff backoff;
    @Inject
    Db db;

    @Test
    void afterFiveFailuresEvenTheRightPasswordWaitsWithRetryAfter() {
        AppUser user = newUser(users, Roles.INSPECTOR);
        for (int i = 0; i < 5; i++) {
            signIn(user.username, "wrong password " + i, null).then().statusCode(401).body("code", equalTo("INVALID_CREDENTIALS"));
        }
        Response refused = signIn(user.username, PASSWORD, null);
        refused.then().statusCode(429).contentType("application/problem+json")
                .body("code", equalTo("LOGIN_BACKOFF")).body("status", equalTo(429));
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 30L);
        assertThat(refused.<Integer>path("retryAfter").longValue()).isEqualTo(retryAfter);
    }

    @Test
    void anotherUsernameFromTheSameAddressIsNotAffected() {
        AppUser victim = newUser(users, Roles.INSPECTOR);
        AppUser colleague = newUser(users, Roles.INSPECTOR);
        for (int i = 0; i < 6; i++) {
            signIn(victim.username, "guess " + i, null);
        }
        signIn(victim.username, PASSWORD, null).then().statusCode(429);
        signIn(colleague.username, PASSWORD, null).then().statusCode(200);
    }

    @Test
    void aSuccessResetsTheCount() {
        AppUser user = newUser(users, Roles.SUPERVISOR);
        for (int i = 0; i < 4; i++) {
            signIn(user.username, "wrong " + i, null).then().statusCode(401);
        }
        signIn(user.username, PASSWORD, null).then().statusCode(200);
        for (int i = 0; i < 4; i++) {
            signIn(user.username, "wrong again " + i, null).then().statusCode(401);
        }
        signIn(user.username, PASSWORD, null).then().statusCode(200);
    }

    @Test
    void usernamesCountCaseInsensitivelyAsSignInDoes() {
        AppUser user = newUser(users, Roles.INSPECTOR);
        for (int i = 0; i < 5; i++) {
            signIn(i % 2 == 0 ? user.username.toUpperCase() : user.username, "wrong " + i, null).then().statusCode(401);
        }
        signIn(user.username, PASSWORD, null).then().statusCode(429);
    }

    @Test
    void aForwardedForHeaderFromAnUntrustedPeerIsIgnored() {
        AppUser user = newUser(users, Roles.INSPECTOR);
        for (int i = 0; i < 5; i++) {
            signIn(user.username, "wrong " + i, "198.51.100." + (i + 1)).then().statusCode(401);
        }
        // No proxy is trusted in this profile: every attempt came from 127.0.0.1, whatever the header said.
        signIn(user.username, PASSWORD, "203.0.113.77").then().statusCode(429).body("code", equalTo("LOGIN_BACKOFF"));
        assertThat(db.count("SELECT count(*) FROM login_failure WHERE username = ?", user.username)).isEqualTo(1);
        assertThat(db.string("SELECT address FROM login_failure WHERE username = ?", user.username)).isEqualTo("127.0.0.1");
    }

    @Test
    void thePauseDoublesWithEachFailureAndIsCapped() {
        AppUser user = newUser(users, Roles.INSPECTOR);
        for (int i = 0; i < 5; i++) {
            signIn(user.username, "wrong " + i, null);
        }
        long first = retryAfter(signIn(user.username, PASSWORD, null));
        // The pause ran out (moved into the past here rather than waited for); the next failure pauses twice as long.
        expirePause(user.username);
        signIn(user.username, "wrong 6", null).then().statusCode(401);
        long second = retryAfter(signIn(user.username, PASSWORD, null));
        assertThat(first).isBetween(1L, 30L);
        assertThat(second).isBetween(31L, 60L);
        // Forty failures later the pause is still the cap (15 min), never a lock-out.
        db.update("UPDATE login_failure SET failures = 40 WHERE username = ?", user.username);
        expirePause(user.username);
        signIn(user.username, "wrong 42", null).then().statusCode(401);
        assertThat(retryAfter(signIn(user.username, PASSWORD, null))).isBetween(851L, 900L);
        expirePause(user.username);
        signIn(user.username, PASSWORD, null).then().statusCode(200);
        assertThat(db.count("SELECT count(*) FROM login_failure WHERE username = ?", user.username)).isZero();
    }

    @Test
    void pausesFollowTheConfiguration() {
        assertThat(backoff.pause(4)).isEmpty();
        assertThat(backoff.pause(5).getAsDouble()).isEqualTo(30.0);
        assertThat(backoff.pause(6).getAsDouble()).isEqualTo(60.0);
        assertThat(backoff.pause(9).getAsDouble()).isEqualTo(480.0);
        assertThat(backoff.pause(10).getAsDouble()).isEqualTo(900.0);
        assertThat(backoff.pause(1_000).getAsDouble()).isEqualTo(900.0);
    }

    @Test
    void oldFailuresArePurged() {
        db.update("INSERT INTO login_failure (username, address, failures, last_failure, blocked_until)"
                + " VALUES ('purge-me', '192.0.2.1', 7, now() - interval '2 days', now() - interval '1 day')");
        db.update("INSERT INTO login_failure (username, address, failures, last_failure, blocked_until)"
                + " VALUES ('keep-me', '192.0.2.1', 7, now(), now() + interval '1 minute')");
        db.update("INSERT INTO rate_counter (scope, key, window_start, hits) VALUES ('login', 'purge-me', now() - interval '2 days', 3)");
        purge.purge();
        assertThat(db.count("SELECT count(*) FROM login_failure WHERE username = 'purge-me'")).isZero();
        assertThat(db.count("SELECT count(*) FROM login_failure WHERE username = 'keep-me'")).isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM rate_counter WHERE key = 'purge-me'")).isZero();
    }

    @Inject
    LimitsPurge purge;

    private void expirePause(String username) {
        db.update("UPDATE login_failure SET blocked_until = now() - interval '1 second' WHERE username = ?", username);
    }

    private static long retryAfter(Response r) {
        r.then().statusCode(429);
        return Long.parseLong(r.header("Retry-After"));
    }

    static Response signIn(String username, String password, String forwardedFor) {
        var spec = given().contentType(ContentType.JSON).body(Map.of("username", username, "password", password));
        if (forwardedFor != null) {
            spec.header("X-Forwarded-For", forwardedFor);
        }
        return spec.post("/api/v1/auth/token");
    }
}
