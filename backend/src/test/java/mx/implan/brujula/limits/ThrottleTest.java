package mx.implan.brujula.limits;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import mx.implan.brujula.auth.AppUser;
import mx.implan.brujula.auth.Roles;
import mx.implan.brujula.auth.UserService;
import mx.implan.brujula.testing.Db;
import mx.implan.brujula.testing.Items;
import mx.implan.brujula.testing.Photos;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static mx.implan.brujula.auth.AuthFixtures.PASSWORD;
import static mx.implan.brujula.auth.AuthFixtures.newUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Rate limits and back-off behind a trusted proxy. The profile trusts 127.0.0.1 (the test client)
 * as a proxy, so each test names its own client addresses in X-Forwarded-For and never shares a
 * counter with another test; limits are low so a handful of requests reach them.
 */
@QuarkusTest
@TestProfile(ThrottleTest.TightLimits.class)
class ThrottleTest {

    public static class TightLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "brujula.http.trusted-proxies", "127.0.0.1,::1",
                    "brujula.limits.login-max", "8",
                    "brujula.limits.login-window", "PT1H",
                    "brujula.limits.report-max", "2",
                    "brujula.limits.report-window", "PT1H",
                    "brujula.limits.photo-max", "2",
                    "brujula.limits.photo-window", "PT1H");
        }
    }

    private static final AtomicInteger NEXT = new AtomicInteger(1);

    @Inject
    UserService users;
    @Inject
    Db db;

    /**
     * The limits count in fixed windows of an hour that turn on the hour: a test's sequence of requests
     * starts well clear of a turn, or its count would restart half-way (seen once, at 20:00).
     */
    @BeforeEach
    void clearOfAWindowTurn() {
        long window = Duration.ofHours(1).toSeconds();
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500))
                .until(() -> Instant.now().getEpochSecond() % window < window - 30);
    }

    /** A client address no other test (or run in this database) uses. */
    private static String address() {
        int n = NEXT.getAndIncrement();
        return "10." + ThreadLocalRandom.current().nextInt(256) + "." + (n / 250) + "." + (n % 250 + 1);
    }

    @Test
    void signInsPerAddressAreLimitedAndOtherAddressesAreNot() {
        AppUser user = newUser(users, Roles.INSPECTOR);
        String busy = address();
        for (int i = 0; i < 8; i++) {
            signIn(user.username, PASSWORD, busy).then().statusCode(200);
        }
        Response refused = signIn(user.username, PASSWORD, busy);
        refused.then().statusCode(429).contentType("application/problem+json").body("code", equalTo("RATE_LIMITED"));
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 3600L);
        signIn(user.username, PASSWORD, address()).then().statusCode(200);
    }

    @Test
    void theSameUserFromAnotherAddressStillSignsIn() {
        AppUser user = newUser(users, Roles.INSPECTOR);
        String attacker = address();
        for (int i = 0; i < 5; i++) {
            signIn(user.username, "guess " + i, attacker).then().statusCode(401);
        }
        signIn(user.username, PASSWORD, attacker).then().statusCode(429).body("code", equalTo("LOGIN_BACKOFF"));
        // The inspector, elsewhere, is not locked out by someone guessing their password.
        signIn(user.username, PASSWORD, address()).then().statusCode(200);
    }

    @Test
    void entriesTheClientWroteLeftOfItsRealAddressChangeNothing() {
        AppUser user = newUser(users, Roles.SUPERVISOR);
        String real = address();
        for (int i = 0; i < 5; i++) {
            signIn(user.username, "guess " + i, "192.0.2." + (i + 1) + ", " + real).then().statusCode(401);
        }
        signIn(user.username, PASSWORD, "192.0.2.99, " + real).then().statusCode(429).body("code", equalTo("LOGIN_BACKOFF"));
        assertThat(db.string("SELECT address FROM login_failure WHERE username = ?", user.username)).isEqualTo(real);
    }

    @Test
    void anonymousReportsAreLimitedPerAddressInTheOpen311ErrorFormat() {
        String carrier = address();
        report(carrier, null).then().statusCode(201);
        report(carrier, null).then().statusCode(201);
        Response refused = report(carrier, null);
        refused.then().statusCode(429).contentType(ContentType.JSON).body("[0].code", equalTo(429));
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 3600L);
        report(address(), null).then().statusCode(201);
        given().header("X-Forwarded-For", carrier).contentType("application/x-www-form-urlencoded")
                .formParams(form()).post("/open311/v2/requests.xml")
                .then().statusCode(429).contentType("text/xml").header("Retry-After", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void aMultipartReportWithPhotosCountsOnceAndSharesTheFormBudget() {
        String carrier = address();
        // Three photos in one request are one report: the second request still fits a budget of two.
        RequestSpecification first = given().header("X-Forwarded-For", carrier);
        form().forEach(first::multiPart);
        for (int i = 0; i < 3; i++) {
            first.multiPart("media", "f" + i + ".jpg", Photos.jpeg(24 + i, 24), "image/jpeg");
        }
        first.post("/open311/v2/requests.json").then().statusCode(201);
        report(carrier, null).then().statusCode(201);
        RequestSpecification third = given().header("X-Forwarded-For", carrier);
        form().forEach(third::multiPart);
        byte[] refusedPhoto = Photos.jpeg(31, 17);
        third.multiPart("media", "f.jpg", refusedPhoto, "image/jpeg").post("/open311/v2/requests.json")
                .then().statusCode(429).body("[0].code", equalTo(429)).header("Retry-After", org.hamcrest.Matchers.notNullValue());
        assertThat(db.count("SELECT count(*) FROM attachment WHERE sha256 = ?", Photos.sha256(refusedPhoto))).isZero();
    }

    @Test
    void reportsOfAnAccountShareOneBudgetAcrossOpen311AndTheApi() {
        String citizen = bearer(newUser(users, Roles.CITIZEN));
        String other = bearer(newUser(users, Roles.CITIZEN));
        report(address(), citizen).then().statusCode(201);
        observe(citizen, address()).then().statusCode(201);
        // Another address does not help a signed-in caller: the account is the key.
        Response refused = observe(citizen, address());
        refused.then().statusCode(429).contentType("application/problem+json").body("code", equalTo("RATE_LIMITED"));
        assertThat(Long.parseLong(refused.header("Retry-After"))).isPositive();
        report(address(), citizen).then().statusCode(429);
        observe(other, address()).then().statusCode(201);
    }

    @Test
    void aCitizenCannotBypassTheReportLimitThroughSyncPush() {
        String citizen = bearer(newUser(users, Roles.CITIZEN));
        observe(citizen, address()).then().statusCode(201);
        observe(citizen, address()).then().statusCode(201);
        observe(citizen, address()).then().statusCode(429);
        com.fasterxml.jackson.databind.node.ObjectNode item = Items.risk(UUID.randomUUID());
        Response refused = pushAs(citizen, item);
        refused.then().statusCode(429).contentType("application/problem+json").body("code", equalTo("RATE_LIMITED"));
        assertThat(Long.parseLong(refused.header("Retry-After"))).isPositive();
        assertThat(db.count("SELECT count(*) FROM observation WHERE id = ?", UUID.fromString(item.get("id").asText()))).isZero();
    }

    @Test
    void aCitizenPushPastTheLimitWritesWhatFitsAndFailsTheRestForLater() {
        String citizen = bearer(newUser(users, Roles.CITIZEN));
        com.fasterxml.jackson.databind.node.ObjectNode[] items = {Items.risk(UUID.randomUUID()), Items.risk(UUID.randomUUID()),
                Items.risk(UUID.randomUUID())};
        pushAs(citizen, items).then().statusCode(200)
                .body("results.status", equalTo(java.util.List.of("CREATED", "CREATED", "FAILED")))
                .body("results[2].errors[0].code", equalTo("RATE_LIMITED"));
        assertThat(db.count("SELECT count(*) FROM observation WHERE id = ?", UUID.fromString(items[2].get("id").asText()))).isZero();
        // The budget is spent: the whole next push is refused until the window turns.
        pushAs(citizen, items[2]).then().statusCode(429);
    }

    @Test
    void inspectorsPushesAreNotLimited() {
        String inspector = bearer(newUser(users, Roles.INSPECTOR));
        for (int push = 0; push < 3; push++) {
            pushAs(inspector, Items.risk(UUID.randomUUID()), Items.risk(UUID.randomUUID())).then().statusCode(200)
                    .body("results.status", equalTo(java.util.List.of("CREATED", "CREATED")));
        }
    }

    @Test
    void aCitizensPhotoUploadsAreLimitedPerAccountAndResendingAStoredPhotoDoesNotCount() {
        String citizen = bearer(newUser(users, Roles.CITIZEN));
        byte[] first = Photos.jpeg(40, 30);
        upload(citizen, first).then().statusCode(201);
        upload(citizen, Photos.jpeg(40, 30)).then().statusCode(201);
        byte[] third = Photos.jpeg(40, 30);
        Response refused = upload(citizen, third);
        refused.then().statusCode(429).contentType("application/problem+json").body("code", equalTo("RATE_LIMITED"))
                .body("retryAfter", org.hamcrest.Matchers.notNullValue());
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 3600L);
        assertThat(db.count("SELECT count(*) FROM attachment WHERE sha256 = ?", Photos.sha256(third))).isZero();
        // A resend after a lost answer stores nothing new: it goes through, however spent the budget is.
        upload(citizen, first).then().statusCode(200);
        // The limit is the account's, not the photo's: another citizen stores it.
        upload(bearer(newUser(users, Roles.CITIZEN)), third).then().statusCode(201);
        // Now stored, the same bytes are a resend for the first citizen too: accepted, and no count is taken.
        upload(citizen, third).then().statusCode(200);
        upload(citizen, Photos.jpeg(40, 30)).then().statusCode(429);
    }

    @Test
    void inspectorsPhotoUploadsAreNotLimited() {
        String inspector = bearer(newUser(users, Roles.INSPECTOR));
        for (int i = 0; i < 4; i++) {
            upload(inspector, Photos.jpeg(40, 30)).then().statusCode(201);
        }
    }

    private Response upload(String bearer, byte[] jpeg) {
        return given().header("Authorization", bearer).header("X-Forwarded-For", address()).contentType("image/jpeg")
                .body(jpeg).put("/api/v1/attachments/" + Photos.sha256(jpeg));
    }

    private Response pushAs(String bearer, com.fasterxml.jackson.databind.node.ObjectNode... items) {
        return given().header("Authorization", bearer).header("X-Forwarded-For", address()).contentType(ContentType.JSON)
                .body(Items.batch(items)).post("/api/v1/sync/push");
    }

    private Response observe(String bearer, String from) {
        return given().header("Authorization", bearer).header("X-Forwarded-For", from).contentType(ContentType.JSON)
                .body(Items.risk(UUID.randomUUID()).toString()).post("/api/v1/observations");
    }

    private static Response report(String from, String bearer) {
        RequestSpecification spec = given().header("X-Forwarded-For", from).contentType("application/x-www-form-urlencoded");
        if (bearer != null) {
            spec.header("Authorization", bearer);
        }
        return spec.formParams(form()).post("/open311/v2/requests.json");
    }

    private static Map<String, String> form() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return Map.of("service_code", "URBAN_IMAGE_BACHE",
                "lat", Double.toString(29.03 + r.nextDouble() * 0.1),
                "long", Double.toString(-111.0 + r.nextDouble() * 0.1),
                "description", "Bache");
    }

    private String bearer(AppUser user) {
        return "Bearer " + signIn(user.username, PASSWORD, address()).then().statusCode(200).extract().path("accessToken");
    }

    private static Response signIn(String username, String password, String forwardedFor) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", forwardedFor)
                .body(Map.of("username", username, "password", password)).post("/api/v1/auth/token");
    }
}
