package mx.implan.brujula.http;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import mx.implan.brujula.auth.AppUser;
import mx.implan.brujula.auth.AuthFixtures;
import mx.implan.brujula.auth.Roles;
import mx.implan.brujula.auth.UserService;
import mx.implan.brujula.testing.Db;
import mx.implan.brujula.testing.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every JSON endpoint of authentication, accounts, assignments and works (and, through the same
 * parser, conflict resolution, photo moderation and contact rectification) refuses the bodies that
 * lenient parsing used to accept or turn into a 500 — a key given twice, content after the value,
 * a BOM, UTF-16, NaN, a number where text belongs, "false" where a boolean belongs, U+0000, deep
 * nesting, the wrong shape — with a 4xx problem naming the field by its JSON path, no Java class
 * or library name in the body, and nothing written.
 */
@QuarkusTest
class StrictJsonTest {

    @Inject
    TestUsers users;
    @Inject
    UserService userService;
    @Inject
    Db db;

    private String admin;
    private AppUser someone;

    /** An endpoint that takes a JSON object, with a valid body to spoil. */
    record Endpoint(String method, String path, String validBody) {
    }

    /** A spoiled body and what it must be answered with. */
    record Spoiled(String name, byte[] body, int status, String code, String field) {
    }

    @BeforeEach
    void accounts() {
        admin = users.bearer("admin-strict", Roles.ADMIN);
        if (someone == null) {
            someone = AuthFixtures.newUser(userService, Roles.INSPECTOR);
        }
    }

    private List<Endpoint> endpoints() {
        return List.of(
                new Endpoint("POST", "/api/v1/auth/token", "{\"username\":\"nadie\",\"password\":\"una-clave-1\"}"),
                new Endpoint("POST", "/api/v1/auth/refresh", "{\"refreshToken\":\"x\"}"),
                new Endpoint("POST", "/api/v1/admin/users", "{\"username\":\"u-strict\",\"role\":\"citizen\",\"password\":\"una-clave-1\"}"),
                new Endpoint("PATCH", "/api/v1/admin/users/" + someone.id, "{\"displayName\":\"Ana\",\"active\":true}"),
                new Endpoint("POST", "/api/v1/admin/users/" + someone.id + "/password", "{\"password\":\"otra-clave-12\"}"),
                new Endpoint("PUT", "/api/v1/admin/users/" + someone.id + "/zones", "{\"zones\":[]}"),
                new Endpoint("POST", "/api/v1/works", "{\"code\":\"STRICT-1\",\"name\":\"Obra\","
                        + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[-110.96,29.07]}}"),
                // Other features' bodies go through the same parser: the fix is the parser's, not the endpoints'.
                new Endpoint("POST", "/api/v1/conflicts/" + UUID.randomUUID() + "/resolution", "{\"resolution\":\"TAKE_SERVER\"}"),
                new Endpoint("POST", "/api/v1/moderation/photos/" + "a".repeat(64) + "/decision",
                        "{\"decision\":\"APPROVED\",\"reason\":\"ok\"}"),
                new Endpoint("PATCH", "/api/v1/citizen-contacts/" + UUID.randomUUID(), "{\"email\":\"ana@example.mx\"}"));
    }

    /** The first member of a valid body, given twice. */
    private static String duplicated(String body) {
        int comma = body.indexOf(',');
        String first = body.substring(1, comma < 0 ? body.length() - 1 : comma);
        return "{" + first + "," + body.substring(1);
    }

    private static String firstKey(String body) {
        return body.substring(2, body.indexOf('"', 2));
    }

    private static List<Spoiled> spoil(Endpoint e) {
        String valid = e.validBody();
        String key = firstKey(valid);
        byte[] utf8 = valid.getBytes(StandardCharsets.UTF_8);
        byte[] bom = new byte[utf8.length + 3];
        bom[0] = (byte) 0xEF;
        bom[1] = (byte) 0xBB;
        bom[2] = (byte) 0xBF;
        System.arraycopy(utf8, 0, bom, 3, utf8.length);
        List<Spoiled> cases = new ArrayList<>();
        cases.add(new Spoiled("key given twice", duplicated(valid).getBytes(StandardCharsets.UTF_8), 400, "DUPLICATE_KEY", key));
        cases.add(new Spoiled("garbage after the value", (valid + " xyz").getBytes(StandardCharsets.UTF_8), 400, "MALFORMED_JSON", null));
        cases.add(new Spoiled("a second value", (valid + "{}").getBytes(StandardCharsets.UTF_8), 400, "MALFORMED_JSON", null));
        cases.add(new Spoiled("byte order mark", bom, 400, "JSON_NOT_UTF8", null));
        cases.add(new Spoiled("UTF-16", valid.getBytes(StandardCharsets.UTF_16LE), 400, "JSON_NOT_UTF8", null));
        cases.add(new Spoiled("NaN", ("{\"" + key + "\":NaN}").getBytes(StandardCharsets.UTF_8), 400, "MALFORMED_JSON", null));
        cases.add(new Spoiled("a list for the body", "[]".getBytes(StandardCharsets.UTF_8), 400, "INVALID_BODY", null));
        cases.add(new Spoiled("a string for the body", "\"x\"".getBytes(StandardCharsets.UTF_8), 400, "INVALID_BODY", null));
        // Under a member no endpoint reads, so that only the parser's limits can refuse them.
        cases.add(new Spoiled("201 levels of nesting", ("{\"zzz\":" + "[".repeat(201) + "]".repeat(201) + "}")
                .getBytes(StandardCharsets.UTF_8), 400, "JSON_TOO_COMPLEX", null));
        cases.add(new Spoiled("a 200-digit number", ("{\"zzz\":" + "9".repeat(200) + "}")
                .getBytes(StandardCharsets.UTF_8), 400, "JSON_TOO_COMPLEX", null));
        return cases;
    }

    private Response send(Endpoint e, byte[] body) {
        return given().header("Authorization", admin).contentType("application/json").body(body)
                .request(e.method(), e.path());
    }

    private long writes() {
        return db.count("SELECT (SELECT count(*) FROM app_user) + (SELECT count(*) FROM audit_log)"
                + " + (SELECT count(*) FROM public_work) + (SELECT count(*) FROM inspector_zone)"
                + " + (SELECT count(*) FROM refresh_token)");
    }

    private static void noInternals(String context, String body) {
        assertThat(body).as(context).doesNotContain("com.fasterxml").doesNotContain("mx.implan").doesNotContain("java.")
                .doesNotContain("Jackson").doesNotContain("Exception").doesNotContain("`").doesNotContain("\"field\":\"$\"")
                .doesNotContain("StreamReadConstraints");
    }

    @Test
    void everySpoiledBodyIsRefusedWithAProblemAndNothingIsWritten() {
        for (Endpoint e : endpoints()) {
            for (Spoiled s : spoil(e)) {
                String context = e.method() + " " + e.path() + ": " + s.name();
                long before = writes();
                Response r = send(e, s.body());
                assertThat(r.statusCode()).as(context).isEqualTo(s.status());
                assertThat(r.contentType()).as(context).startsWith("application/problem+json");
                assertThat(r.jsonPath().getString("code")).as(context).isEqualTo(s.code());
                if (s.field() != null) {
                    assertThat(r.jsonPath().getList("errors.field", String.class)).as(context).containsExactly(s.field());
                }
                noInternals(context, r.asString());
                assertThat(writes()).as(context + ": rows written").isEqualTo(before);
            }
        }
    }

    @Test
    void scalarsOfAnotherTypeAreRefusedNamingTheFieldAndTheExpectedType() {
        Map<String, String> bodies = Map.of(
                "{\"username\":\"num-pw\",\"role\":\"citizen\",\"password\":12345678901}", "password",
                "{\"username\":\"flag-str\",\"role\":\"citizen\",\"active\":\"false\"}", "active",
                "{\"username\":\"flag-big\",\"role\":\"citizen\",\"active\":123456789012345678901234567890}", "active",
                "{\"username\":\"flag-num\",\"role\":\"citizen\",\"active\":0}", "active",
                "{\"username\":[\"x\"],\"role\":\"citizen\"}", "username");
        bodies.forEach((body, field) -> {
            long before = writes();
            Response r = given().header("Authorization", admin).header("Accept-Language", "en").contentType("application/json")
                    .body(body).post("/api/v1/admin/users");
            assertThat(r.statusCode()).as(body).isEqualTo(400);
            assertThat(r.jsonPath().getString("code")).as(body).isEqualTo("INVALID_TYPE");
            assertThat(r.jsonPath().getString("errors[0].field")).as(body).isEqualTo(field);
            assertThat(r.jsonPath().getString("errors[0].message")).as(body).startsWith("Must be");
            noInternals(body, r.asString());
            assertThat(writes()).as(body).isEqualTo(before);
        });
        Response nested = given().header("Authorization", admin).contentType("application/json")
                .body("{\"zones\":[\"2603000011869\", 7]}").put("/api/v1/admin/users/" + someone.id + "/zones");
        assertThat(nested.statusCode()).isEqualTo(400);
        assertThat(nested.jsonPath().getString("errors[0].field")).isEqualTo("zones[1]");
        assertThat(nested.jsonPath().getString("errors[0].message")).isEqualTo("Debe ser texto");
    }

    @Test
    void aNulCharacterInAnyTextIsRefusedNamingTheField() {
        long before = writes();
        Response r = given().header("Authorization", admin).contentType("application/json")
                .body("{\"username\":\"nul-pw\",\"role\":\"citizen\",\"password\":\"abcdefghij\\u0000k\"}").post("/api/v1/admin/users");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.jsonPath().getString("code")).isEqualTo("INVALID_VALUE");
        assertThat(r.jsonPath().getString("errors[0].field")).isEqualTo("password");
        assertThat(r.jsonPath().getString("errors[0].code")).isEqualTo("INVALID_CHARACTER");
        Response work = given().header("Authorization", admin).contentType("application/json")
                .body("{\"code\":\"NUL-1\",\"name\":\"Obra\\u0000\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[-110.96,29.07]}}")
                .post("/api/v1/works");
        assertThat(work.statusCode()).isEqualTo(422);
        assertThat(work.jsonPath().getList("errors.code", String.class)).containsExactly("INVALID_CHARACTER");
        assertThat(writes()).isEqualTo(before);
    }

    @Test
    void aWorkWithANaNBudgetIsMalformedJsonNotA500() {
        Response r = given().header("Authorization", admin).contentType("application/json")
                .body("{\"code\":\"NAN-1\",\"name\":\"Obra\",\"budgetMxn\":NaN,"
                        + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[-110.96,29.07]}}").post("/api/v1/works");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.jsonPath().getString("code")).isEqualTo("MALFORMED_JSON");
        assertThat(db.count("SELECT count(*) FROM public_work WHERE code = 'NAN-1'")).isZero();
    }

    @Test
    void anEmptyBodyWhereAnObjectBelongsIsAProblemAboutTheBody() {
        for (String method : new String[]{"POST", "PATCH"}) {
            String path = method.equals("POST") ? "/api/v1/works" : "/api/v1/admin/users/" + someone.id;
            Response r = given().header("Authorization", admin).contentType("application/json").request(method, path);
            assertThat(r.statusCode()).as(path).isEqualTo(400);
            assertThat(r.jsonPath().getString("code")).as(path).isEqualTo("INVALID_BODY");
            noInternals(path, r.asString());
        }
    }
}
