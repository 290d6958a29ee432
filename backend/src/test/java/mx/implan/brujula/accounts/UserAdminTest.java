package mx.implan.brujula.accounts;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import mx.implan.brujula.auth.AppUser;
import mx.implan.brujula.auth.AuthFixtures;
import mx.implan.brujula.auth.Roles;
import mx.implan.brujula.auth.UserService;
import mx.implan.brujula.testing.Db;
import mx.implan.brujula.testing.TestUsers;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static mx.implan.brujula.auth.AuthFixtures.me;
import static mx.implan.brujula.auth.AuthFixtures.refresh;
import static mx.implan.brujula.auth.AuthFixtures.signIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class UserAdminTest {

    private static final String USERS = "/api/v1/admin/users";

    @Inject
    TestUsers testUsers;
    @Inject
    UserService users;
    @Inject
    Db db;

    private String admin() {
        return testUsers.bearer("admin-accounts", Roles.ADMIN);
    }

    private JsonPath create(Map<String, Object> body) {
        return given().header("Authorization", admin()).contentType(ContentType.JSON).body(body)
                .post(USERS).then().statusCode(201).header("Cache-Control", "no-store")
                .extract().jsonPath();
    }

    private String id(String username) {
        return users.findByUsername(username).orElseThrow().id.toString();
    }

    @Test
    void adminCreatesAUserWithAGeneratedPasswordShownOnlyInTheAnswer() {
        String username = AuthFixtures.uniqueUsername("nuevo");
        JsonPath created = create(Map.of("username", username, "displayName", "Ana López", "role", Roles.INSPECTOR));
        String password = created.getString("generatedPassword");
        assertThat(password).hasSize(20);
        assertThat(created.getString("role")).isEqualTo(Roles.INSPECTOR);
        assertThat(created.getBoolean("active")).isTrue();

        String token = signIn(username, password).then().statusCode(200).extract().path("accessToken");
        me(token).then().statusCode(200).body("displayName", equalTo("Ana López"));
        // Never again: not in the user's view, not in the audit.
        given().header("Authorization", admin()).get(USERS + "/" + created.getString("id")).then().statusCode(200)
                .body("username", equalTo(username)).body("generatedPassword", nullValue())
                .body("$", not(org.hamcrest.Matchers.hasKey("passwordHash")));
        String audit = db.string("SELECT after::text FROM audit_log WHERE entity_type = 'user' AND entity_id = ? AND action = 'user.create'",
                created.getString("id"));
        assertThat(audit).contains("\"passwordGenerated\": true").doesNotContain(password).doesNotContain("$2a$");
    }

    @Test
    void aChosenPasswordAndAnInactiveAccountAreKeptAsGiven() {
        String username = AuthFixtures.uniqueUsername("inactivo");
        JsonPath created = create(Map.of("username", username, "role", Roles.SUPERVISOR,
                "password", "una-clave-elegida-1", "active", false));
        assertThat(created.getString("generatedPassword")).isNull();
        assertThat(created.getBoolean("active")).isFalse();
        signIn(username, "una-clave-elegida-1").then().statusCode(401);
    }

    @Test
    void invalidCreationsNameTheFieldAndWriteNothing() {
        long before = db.count("SELECT count(*) FROM app_user");
        given().header("Authorization", admin()).contentType(ContentType.JSON)
                .body(Map.of("username", "x", "role", "jefe", "password", "corta"))
                .post(USERS).then().statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("username", "role", "password"));
        given().header("Authorization", admin()).contentType(ContentType.JSON).body("{\"username\": \"ok-name\", \"role\": \"inspector\", \"active\": \"sí\"}")
                .post(USERS).then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("active"));
        given().header("Authorization", admin()).contentType(ContentType.JSON).body("{\"username\": ")
                .post(USERS).then().statusCode(400).contentType("application/problem+json");
        assertThat(db.count("SELECT count(*) FROM app_user")).isEqualTo(before);

        String taken = AuthFixtures.uniqueUsername("tomado");
        create(Map.of("username", taken, "role", Roles.CITIZEN));
        given().header("Authorization", admin()).contentType(ContentType.JSON)
                .body(Map.of("username", taken.toUpperCase(), "role", Roles.CITIZEN))
                .post(USERS).then().statusCode(409).body("code", equalTo("USERNAME_TAKEN"));
    }

    @Test
    void listFiltersByRoleAndActiveAndPagesWithoutRepeats() {
        String prefix = "lista-" + System.nanoTime();
        for (int i = 0; i < 3; i++) {
            create(Map.of("username", prefix + "-" + i, "role", Roles.SUPERVISOR, "active", i != 1));
        }
        List<String> seen = new java.util.ArrayList<>();
        String cursor = null;
        do {
            var request = given().header("Authorization", admin()).queryParam("role", "supervisor").queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get(USERS).then().statusCode(200).extract().jsonPath();
            assertThat(page.getList("items.role", String.class)).containsOnly(Roles.SUPERVISOR);
            seen.addAll(page.getList("items.username", String.class));
            cursor = page.getString("next");
        } while (cursor != null);
        assertThat(seen).doesNotHaveDuplicates().contains(prefix + "-0", prefix + "-1", prefix + "-2");
        assertThat(seen).isSorted();

        List<String> inactive = given().header("Authorization", admin()).queryParam("role", "supervisor")
                .queryParam("active", "false").queryParam("limit", 1000)
                .get(USERS).then().statusCode(200).extract().jsonPath().getList("items.username", String.class);
        assertThat(inactive).contains(prefix + "-1").doesNotContain(prefix + "-0", prefix + "-2");

        given().header("Authorization", admin()).queryParam("role", "jefe").get(USERS)
                .then().statusCode(400).body("errors[0].field", equalTo("role"));
        given().header("Authorization", admin()).queryParam("active", "quizá").get(USERS)
                .then().statusCode(400).body("errors[0].field", equalTo("active"));
        given().header("Authorization", admin()).queryParam("limit", 0).get(USERS)
                .then().statusCode(400).body("errors[0].field", equalTo("limit"));
    }

    @Test
    void disablingKillsTheUsersTokensAtOnceAndEnablingLetsThemSignInAgain() {
        AppUser user = AuthFixtures.newUser(users, Roles.INSPECTOR);
        JsonPath pair = signIn(user.username, AuthFixtures.PASSWORD).then().statusCode(200).extract().jsonPath();
        String access = pair.getString("accessToken");
        me(access).then().statusCode(200);

        given().header("Authorization", admin()).contentType(ContentType.JSON).body(Map.of("active", false))
                .patch(USERS + "/" + user.id).then().statusCode(200).body("active", equalTo(false));
        me(access).then().statusCode(401);
        refresh(pair.getString("refreshToken")).then().statusCode(401);
        signIn(user.username, AuthFixtures.PASSWORD).then().statusCode(401);

        given().header("Authorization", admin()).contentType(ContentType.JSON).body(Map.of("active", true))
                .patch(USERS + "/" + user.id).then().statusCode(200).body("active", equalTo(true));
        me(access).then().statusCode(401);
        signIn(user.username, AuthFixtures.PASSWORD).then().statusCode(200);
    }

    @Test
    void aRoleChangeKillsAccessTokensAndARefreshCarriesTheNewRole() {
        AppUser user = AuthFixtures.newUser(users, Roles.INSPECTOR);
        JsonPath pair = signIn(user.username, AuthFixtures.PASSWORD).then().statusCode(200).extract().jsonPath();
        given().header("Authorization", admin()).contentType(ContentType.JSON)
                .body(Map.of("role", Roles.SUPERVISOR, "displayName", "Beto Supervisor"))
                .patch(USERS + "/" + user.id).then().statusCode(200)
                .body("role", equalTo(Roles.SUPERVISOR)).body("displayName", equalTo("Beto Supervisor"));
        me(pair.getString("accessToken")).then().statusCode(401);
        String fresh = refresh(pair.getString("refreshToken")).then().statusCode(200).extract().path("accessToken");
        me(fresh).then().statusCode(200).body("role", equalTo(Roles.SUPERVISOR));

        JsonPath history = given().header("Authorization", admin()).get(USERS + "/" + user.id + "/history")
                .then().statusCode(200).extract().jsonPath();
        assertThat(history.getList("items.action", String.class)).contains("user.update");
        Map<String, Object> update = history.getMap("items.find { it.action == 'user.update' }");
        assertThat(update.get("actor")).isEqualTo("admin-accounts");
        assertThat(history.getString("items.find { it.action == 'user.update' }.before.role")).isEqualTo(Roles.INSPECTOR);
        assertThat(history.getString("items.find { it.action == 'user.update' }.after.role")).isEqualTo(Roles.SUPERVISOR);
        assertThat(history.getString("items.find { it.action == 'user.update' }.at")).isNotNull();

        given().header("Authorization", admin()).contentType(ContentType.JSON).body(Map.of("role", "jefe"))
                .patch(USERS + "/" + user.id).then().statusCode(422).body("errors[0].field", equalTo("role"));
        given().header("Authorization", admin()).contentType(ContentType.JSON).body(Map.of("displayName", "x".repeat(201)))
                .patch(USERS + "/" + user.id).then().statusCode(422).body("errors[0].field", equalTo("displayName"));
    }

    @Test
    void aPasswordResetSignsTheUserOutEverywhereAndIsAuditedWithoutThePassword() {
        AppUser user = AuthFixtures.newUser(users, Roles.CITIZEN);
        JsonPath pair = signIn(user.username, AuthFixtures.PASSWORD).then().statusCode(200).extract().jsonPath();
        String generated = given().header("Authorization", admin()).contentType(ContentType.JSON).body("{}")
                .post(USERS + "/" + user.id + "/password").then().statusCode(200).header("Cache-Control", "no-store")
                .extract().path("generatedPassword");
        assertThat(generated).hasSize(20);
        me(pair.getString("accessToken")).then().statusCode(401);
        refresh(pair.getString("refreshToken")).then().statusCode(401);
        signIn(user.username, AuthFixtures.PASSWORD).then().statusCode(401);
        signIn(user.username, generated).then().statusCode(200);

        given().header("Authorization", admin()).contentType(ContentType.JSON).body(Map.of("password", "otra-clave-larga-2"))
                .post(USERS + "/" + user.id + "/password").then().statusCode(200).body("generatedPassword", nullValue());
        signIn(user.username, "otra-clave-larga-2").then().statusCode(200);
        given().header("Authorization", admin()).contentType(ContentType.JSON).body(Map.of("password", "corta"))
                .post(USERS + "/" + user.id + "/password").then().statusCode(422).body("errors[0].field", equalTo("password"));

        assertThat(db.count("SELECT count(*) FROM audit_log WHERE entity_id = ? AND action = 'user.password-reset'", user.id.toString()))
                .isEqualTo(2);
        // No password and no hash anywhere in the audit trail.
        assertThat(db.count("SELECT count(*) FROM audit_log WHERE coalesce(before::text, '') || coalesce(after::text, '') LIKE '%$2a$%'"))
                .isZero();
        assertThat(db.count("SELECT count(*) FROM audit_log WHERE coalesce(after::text, '') LIKE ?", "%" + generated + "%")).isZero();
        assertThat(db.count("SELECT count(*) FROM audit_log WHERE coalesce(after::text, '') LIKE '%otra-clave-larga-2%'")).isZero();
    }

    @Test
    void onlyUsersWhoNeverWroteAnythingAreDeleted() {
        String mistake = AuthFixtures.uniqueUsername("error");
        String mistakeId = create(Map.of("username", mistake, "role", Roles.INSPECTOR)).getString("id");
        given().header("Authorization", admin()).delete(USERS + "/" + mistakeId).then().statusCode(204);
        given().header("Authorization", admin()).get(USERS + "/" + mistakeId).then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("USER_NOT_FOUND"));
        assertThat(db.count("SELECT count(*) FROM audit_log WHERE entity_id = ? AND action = 'user.delete'", mistakeId)).isEqualTo(1);

        String author = "autor-" + System.nanoTime();
        String bearer = testUsers.bearer(author, Roles.INSPECTOR);
        given().header("Authorization", bearer).contentType(ContentType.JSON)
                .body(mx.implan.brujula.testing.Items.batch(mx.implan.brujula.testing.Items.risk(java.util.UUID.randomUUID())))
                .post("/api/v1/sync/push").then().statusCode(200);
        given().header("Authorization", admin()).delete(USERS + "/" + id(author)).then().statusCode(409)
                .body("code", equalTo("USER_HAS_DATA"));
        assertThat(users.findByUsername(author)).isPresent();
    }

    @Test
    void theHistoryOfAnIdThatNeverWasAUserIs404AndADeletedUsersHistoryStays() {
        given().header("Authorization", admin()).get(USERS + "/" + java.util.UUID.randomUUID() + "/history").then()
                .statusCode(404).contentType("application/problem+json").body("code", equalTo("USER_NOT_FOUND"));
        String gone = create(Map.of("username", AuthFixtures.uniqueUsername("borrado"), "role", Roles.CITIZEN)).getString("id");
        given().header("Authorization", admin()).delete(USERS + "/" + gone).then().statusCode(204);
        given().header("Authorization", admin()).get(USERS + "/" + gone + "/history").then().statusCode(200)
                .body("items.action", hasItem("user.delete"));
    }

    @Test
    void theLastActiveAdminCannotBeDisabledDemotedOrDeleted() {
        String adminId = id(testUsersAdminName());
        List<Object> others = db.column("SELECT id FROM app_user WHERE role = 'admin' AND enabled AND id <> CAST(? AS uuid)", adminId);
        try {
            db.update("UPDATE app_user SET enabled = false WHERE role = 'admin' AND id <> CAST(? AS uuid)", adminId);
            given().header("Authorization", admin()).contentType(ContentType.JSON).body(Map.of("active", false))
                    .patch(USERS + "/" + adminId).then().statusCode(409).body("code", equalTo("LAST_ADMIN"));
            given().header("Authorization", admin()).contentType(ContentType.JSON).body(Map.of("role", Roles.SUPERVISOR))
                    .patch(USERS + "/" + adminId).then().statusCode(409).body("code", equalTo("LAST_ADMIN"));
            given().header("Authorization", admin()).get("/api/v1/auth/me").then().statusCode(200).body("role", equalTo(Roles.ADMIN));
        } finally {
            for (Object other : others) {
                db.update("UPDATE app_user SET enabled = true WHERE id = ?", other);
            }
        }
    }

    private String testUsersAdminName() {
        admin();
        return "admin-accounts";
    }

    @Test
    void otherRolesAreForbiddenAndAnonymousCallersUnauthenticated() {
        String target = id(testUsersAdminName());
        for (String role : List.of(Roles.CITIZEN, Roles.INSPECTOR, Roles.SUPERVISOR)) {
            String bearer = testUsers.bearer("no-admin-" + role, role);
            given().header("Authorization", bearer).get(USERS).then().statusCode(403).contentType("application/problem+json");
            given().header("Authorization", bearer).contentType(ContentType.JSON).body(Map.of("active", false))
                    .patch(USERS + "/" + target).then().statusCode(403);
            given().header("Authorization", bearer).contentType(ContentType.JSON).body(Map.of("zones", List.of()))
                    .put(USERS + "/" + target + "/zones").then().statusCode(403);
        }
        given().get(USERS).then().statusCode(401);
        given().get(USERS + "/" + target).then().statusCode(401);
        given().header("Authorization", admin()).get(USERS + "/no-es-uuid").then().statusCode(400)
                .body("errors[0].field", equalTo("id"));
        given().header("Authorization", admin()).get(USERS + "/" + java.util.UUID.randomUUID()).then().statusCode(404)
                .body("code", equalTo("USER_NOT_FOUND"));
        given().header("Authorization", admin()).get(USERS).then().statusCode(200)
                .body("items.username", hasItem("admin-accounts")).body("items[0].id", notNullValue());
    }

    @Test
    void theAdministrationApiIsDescribedInOpenApi() {
        JsonPath doc = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        Map<String, Object> paths = doc.getMap("paths");
        assertThat(paths).containsKeys("/api/v1/admin/users", "/api/v1/admin/users/{id}", "/api/v1/admin/users/{id}/password",
                "/api/v1/admin/users/{id}/history", "/api/v1/admin/users/{id}/zones", "/api/v1/me/assignments");
        assertThat(doc.getString("paths.'/api/v1/admin/users/{id}/zones'.put.responses.'409'.description")).contains("NOT_AN_INSPECTOR");
    }
}
