package mx.implan.brujula.assignments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import mx.implan.brujula.auth.Roles;
import mx.implan.brujula.auth.UserService;
import mx.implan.brujula.testing.Db;
import mx.implan.brujula.testing.TestUsers;
import mx.implan.brujula.zones.ZoneRecord;
import mx.implan.brujula.zones.ZoneService;
import mx.implan.brujula.zones.ZoneType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Inspectors' assignments seen by pull: works of zones gained arrive even though they did not
 * change, zones lost deliver REMOVE, works changed later follow their zones, other users see
 * nothing of it. Each test draws its own zones far from the demo data and from other tests.
 */
@QuarkusTest
class AssignmentPullTest {

    private static final String USERS = "/api/v1/admin/users";

    @Inject
    TestUsers testUsers;
    @Inject
    UserService users;
    @Inject
    ZoneService zones;
    @Inject
    Db db;

    /** Two adjacent squares A | B and works: a in A, b in B, ab a line crossing both. */
    private String zoneA;
    private String zoneB;
    private double x;
    private double y;
    private String workA;
    private String workB;
    private String workAB;

    @BeforeEach
    void ownZonesAndWorks() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        x = -109.9 + r.nextInt(400) * 0.001;
        y = 30.5 + r.nextInt(400) * 0.001;
        String tag = Long.toString(System.nanoTime(), 36);
        zoneA = "T" + tag + "A";
        zoneB = "T" + tag + "B";
        zones.upsert(List.of(square(zoneA, ZoneType.AGEB, x, y), square(zoneB, ZoneType.LOCALITY, x + 0.01, y)));
        workA = work("A-" + tag, point(x + 0.005, y + 0.005));
        workB = work("B-" + tag, point(x + 0.015, y + 0.005));
        workAB = work("AB-" + tag, line(x + 0.004, y + 0.004, x + 0.016, y + 0.006));
    }

    private String admin() {
        return testUsers.bearer("admin-assign", Roles.ADMIN);
    }

    private String inspector(String name) {
        return testUsers.bearer(name, Roles.INSPECTOR);
    }

    private String userId(String username) {
        return users.findByUsername(username).orElseThrow().id.toString();
    }

    @Test
    void gainingAZoneDeliversItsUnchangedWorksAndLosingItDeliversRemove() {
        String name = "insp-gain-" + System.nanoTime();
        String bearer = inspector(name);
        String cursor = drain(bearer, null, new ArrayList<>());

        assign(name, zoneA).statusCode(200).body("zones.zoneId", equalTo(List.of(zoneA)))
                .body("zones[0].assignedBy", equalTo("admin-assign"));
        List<Map<String, Object>> gained = new ArrayList<>();
        cursor = drain(bearer, cursor, gained);
        assertThat(keys(gained)).containsExactlyInAnyOrder("work/" + workA + "/UPSERT", "work/" + workAB + "/UPSERT",
                "zone/" + zoneA + "/UPSERT", "assignment/" + zoneA + "/UPSERT");
        assertThat(data(gained, "work", workA).get("code").toString()).startsWith("A-");
        assertThat(data(gained, "assignment", zoneA).get("zoneId")).isEqualTo(zoneA);
        assertThat(data(gained, "zone", zoneA).get("geometry")).isNotNull();

        // A → B: a leaves, b arrives, ab stays (it is in B too), so it is neither removed nor resent.
        assign(name, zoneB).statusCode(200);
        List<Map<String, Object>> moved = new ArrayList<>();
        cursor = drain(bearer, cursor, moved);
        assertThat(keys(moved)).containsExactlyInAnyOrder("work/" + workA + "/REMOVE", "work/" + workB + "/UPSERT",
                "zone/" + zoneA + "/REMOVE", "assignment/" + zoneA + "/REMOVE",
                "zone/" + zoneB + "/UPSERT", "assignment/" + zoneB + "/UPSERT");

        assign(name).statusCode(200).body("zones", org.hamcrest.Matchers.empty());
        List<Map<String, Object>> lost = new ArrayList<>();
        cursor = drain(bearer, cursor, lost);
        assertThat(keys(lost)).containsExactlyInAnyOrder("work/" + workB + "/REMOVE", "work/" + workAB + "/REMOVE",
                "zone/" + zoneB + "/REMOVE", "assignment/" + zoneB + "/REMOVE");
        assertThat(pull(bearer, cursor, 1000).getList("changes")).isEmpty();

        JsonPath audit = given().header("Authorization", admin()).get(USERS + "/" + userId(name) + "/history")
                .then().statusCode(200).extract().jsonPath();
        assertThat(audit.getList("items.findAll { it.action == 'user.assignments' }.after.zones", List.class))
                .containsExactly(List.of(zoneA), List.of(zoneB), List.of());
        assertThat(audit.getList("items.findAll { it.action == 'user.assignments' }.actor", String.class)).containsOnly("admin-assign");
    }

    @Test
    void otherInspectorsAndCitizensSeeNothingOfIt() {
        String name = "insp-busy-" + System.nanoTime();
        String other = inspector("insp-idle-" + System.nanoTime());
        String citizen = testUsers.bearer("cit-assign-" + System.nanoTime(), Roles.CITIZEN);
        inspector(name);
        String otherCursor = drain(other, null, new ArrayList<>());
        String citizenCursor = drain(citizen, null, new ArrayList<>());
        assign(name, zoneA, zoneB).statusCode(200);
        work("LATER-" + System.nanoTime(), point(x + 0.002, y + 0.002));
        assertThat(pull(other, otherCursor, 1000).getList("changes")).isEmpty();
        assertThat(pull(citizen, citizenCursor, 1000).getList("changes")).isEmpty();
    }

    @Test
    void worksCreatedOrChangedLaterFollowTheirZones() {
        String name = "insp-later-" + System.nanoTime();
        String bearer = inspector(name);
        String supervisor = testUsers.bearer("sup-assign", Roles.SUPERVISOR);
        assign(name, zoneA).statusCode(200);
        String cursor = drain(bearer, null, new ArrayList<>());
        String supCursor = drain(supervisor, null, new ArrayList<>());

        String code = "NEW-" + System.nanoTime();
        String created = work(code, point(x + 0.001, y + 0.001));
        List<Map<String, Object>> seen = new ArrayList<>();
        cursor = drain(bearer, cursor, seen);
        assertThat(keys(seen)).containsExactly("work/" + created + "/UPSERT");

        // Moved out of A: REMOVE. Edited inside A: UPSERT with the new name.
        work(code, point(x + 0.3, y + 0.3));
        given().header("Authorization", admin()).contentType(ContentType.JSON)
                .body(workBody(db.string("SELECT code FROM public_work WHERE id = CAST(? AS uuid)", workA), "Nombre nuevo",
                        point(x + 0.005, y + 0.005)))
                .post("/api/v1/works").then().statusCode(200);
        seen.clear();
        cursor = drain(bearer, cursor, seen);
        assertThat(keys(seen)).containsExactlyInAnyOrder("work/" + created + "/REMOVE", "work/" + workA + "/UPSERT");
        assertThat(data(seen, "work", workA).get("name")).isEqualTo("Nombre nuevo");

        // Supervisors see the whole municipality through the shared rows, and none of the inspector's own.
        List<Map<String, Object>> sup = new ArrayList<>();
        drain(supervisor, supCursor, sup);
        assertThat(keys(sup)).contains("work/" + created + "/UPSERT", "work/" + workA + "/UPSERT")
                .noneMatch(k -> k.startsWith("assignment/") || k.endsWith("/REMOVE"));
    }

    @Test
    void aCursorFromBeforeTheChangesSeesEverythingExactlyOnce() {
        String name = "insp-once-" + System.nanoTime();
        String bearer = inspector(name);
        String before = drain(bearer, null, new ArrayList<>());

        assign(name, zoneA).statusCode(200);
        String late = work("ONCE-" + System.nanoTime(), point(x + 0.003, y + 0.007));
        assign(name, zoneA, zoneB).statusCode(200);

        // One page: each entity once, in its latest state.
        JsonPath page = pull(bearer, before, 1000);
        List<String> ids = page.getList("changes.collect { it.type + '/' + it.id }", String.class);
        assertThat(ids).doesNotHaveDuplicates().containsExactlyInAnyOrder("work/" + workA, "work/" + workAB, "work/" + late,
                "work/" + workB, "zone/" + zoneA, "assignment/" + zoneA, "zone/" + zoneB, "assignment/" + zoneB);
        assertThat(page.getList("changes.op", String.class)).containsOnly("UPSERT");
        // Page by page: every change-log row once, never a row twice, and nothing after the end.
        List<Map<String, Object>> paged = new ArrayList<>();
        String end = drain(bearer, before, paged, 1);
        assertThat(paged).hasSize((int) db.count("""
                SELECT count(*) FROM change_log WHERE owner = ? AND entity_type <> 'observation'""", name));
        assertThat(keys(paged)).doesNotHaveDuplicates();
        assertThat(pull(bearer, end, 1000).getList("changes")).isEmpty();
        assertThat(pull(bearer, page.getString("next"), 1000).getList("changes")).isEmpty();
    }

    @Test
    void aRoleChangeTakesTheZonesAwayAndTheOldCursorMustResync() {
        String name = "insp-promoted-" + System.nanoTime();
        String bearer = inspector(name);
        assign(name, zoneA).statusCode(200);
        String cursor = drain(bearer, null, new ArrayList<>());
        given().header("Authorization", admin()).contentType(ContentType.JSON).body(Map.of("role", Roles.SUPERVISOR))
                .patch(USERS + "/" + userId(name)).then().statusCode(200);
        assertThat(db.count("SELECT count(*) FROM inspector_zone WHERE user_id = CAST(? AS uuid)", userId(name))).isZero();
        assertThat(db.count("SELECT count(*) FROM inspector_work WHERE user_id = CAST(? AS uuid)", userId(name))).isZero();
        String fresh = mx.implan.brujula.auth.AuthFixtures.signIn(name, TestUsers.PASSWORD).then().statusCode(200)
                .extract().path("accessToken");
        given().header("Authorization", "Bearer " + fresh).queryParam("cursor", cursor).get("/api/v1/sync/pull")
                .then().statusCode(410).body("code", equalTo("CURSOR_EXPIRED"));
        assign(name, zoneA).statusCode(409).contentType("application/problem+json").body("code", equalTo("NOT_AN_INSPECTOR"));
    }

    @Test
    void badAssignmentsNameTheFieldAndChangeNothing() {
        String name = "insp-bad-" + System.nanoTime();
        inspector(name);
        assign(name, zoneA).statusCode(200);
        long feed = db.count("SELECT count(*) FROM change_log");
        String municipality = "M" + Long.toString(System.nanoTime(), 36);
        zones.upsert(List.of(square(municipality, ZoneType.MUNICIPALITY, x + 0.5, y + 0.5)));
        feed = db.count("SELECT count(*) FROM change_log");

        given().header("Authorization", admin()).contentType(ContentType.JSON)
                .body(Map.of("zones", List.of(zoneB, "NO-EXISTE", municipality)))
                .put(USERS + "/" + userId(name) + "/zones").then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("zones[1]", "zones[2]")))
                .body("errors.code", equalTo(List.of("UNKNOWN_ZONE", "ZONE_NOT_ASSIGNABLE")));
        given().header("Authorization", admin()).contentType(ContentType.JSON).body("{}")
                .put(USERS + "/" + userId(name) + "/zones").then().statusCode(422).body("errors[0].field", equalTo("zones"));
        given().header("Authorization", admin()).contentType(ContentType.JSON).body("{\"zones\": \"" + zoneB + "\"}")
                .put(USERS + "/" + userId(name) + "/zones").then().statusCode(400).body("errors[0].field", equalTo("zones"));
        given().header("Authorization", admin()).contentType(ContentType.JSON).body(Map.of("zones", List.of(zoneB)))
                .put(USERS + "/" + UUID.randomUUID() + "/zones").then().statusCode(404).body("code", equalTo("USER_NOT_FOUND"));
        String supervisor = "sup-zones-" + System.nanoTime();
        testUsers.bearer(supervisor, Roles.SUPERVISOR);
        given().header("Authorization", admin()).contentType(ContentType.JSON).body(Map.of("zones", List.of(zoneB)))
                .put(USERS + "/" + userId(supervisor) + "/zones").then().statusCode(409).body("code", equalTo("NOT_AN_INSPECTOR"));

        assertThat(db.count("SELECT count(*) FROM change_log")).isEqualTo(feed);
        given().header("Authorization", admin()).get(USERS + "/" + userId(name) + "/zones").then().statusCode(200)
                .body("zones.zoneId", equalTo(List.of(zoneA))).body("role", equalTo(Roles.INSPECTOR));
    }

    @Test
    void myAssignmentsShowZonesAndWorksOnline() {
        String name = "insp-online-" + System.nanoTime();
        String bearer = inspector(name);
        assign(name, zoneA).statusCode(200);
        JsonPath mine = given().header("Authorization", bearer).get("/api/v1/me/assignments").then().statusCode(200)
                .extract().jsonPath();
        assertThat(mine.getString("scope")).isEqualTo("ZONES");
        assertThat(mine.getList("zones.zoneId", String.class)).containsExactly(zoneA);
        assertThat(mine.getList("works.id", String.class)).containsExactlyInAnyOrder(workA, workAB);

        JsonPath all = given().header("Authorization", testUsers.bearer("sup-assign", Roles.SUPERVISOR))
                .get("/api/v1/me/assignments").then().statusCode(200).extract().jsonPath();
        assertThat(all.getString("scope")).isEqualTo("MUNICIPALITY");
        assertThat(all.getList("works.id", String.class)).contains(workA, workB, workAB);
        given().header("Authorization", testUsers.bearer("cit-online", Roles.CITIZEN)).get("/api/v1/me/assignments")
                .then().statusCode(403);
        given().get("/api/v1/me/assignments").then().statusCode(401);
    }

    @Test
    void concurrentAssignmentsAndWorkWritesLeaveEveryDeviceWithExactlyItsZonesWorks() throws Exception {
        int inspectors = 6;
        List<String> names = new ArrayList<>();
        for (int i = 0; i < inspectors; i++) {
            names.add("insp-race-" + i + "-" + System.nanoTime());
            inspector(names.get(i));
        }
        List<String> ids = names.stream().map(this::userId).toList();
        admin();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (int i = 0; i < inspectors; i++) {
                String id = ids.get(i);
                String code = "RACE-" + i + "-" + System.nanoTime();
                double dx = 0.001 * (i + 1);
                done.add(pool.submit(() -> assignById(id, zoneA).statusCode(200)));
                done.add(pool.submit(() -> work(code, point(x + dx, y + 0.008))));
                done.add(pool.submit(() -> assignById(id, zoneA, zoneB).statusCode(200)));
            }
            for (var f : done) {
                f.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        for (String name : names) {
            // What the device holds after applying its whole feed in order = what its zones hold now.
            Map<String, String> held = new LinkedHashMap<>();
            List<Map<String, Object>> feed = new ArrayList<>();
            drain(inspector(name), null, feed, 7);
            for (Map<String, Object> change : feed) {
                if ("work".equals(change.get("type"))) {
                    if ("REMOVE".equals(change.get("op"))) {
                        held.remove((String) change.get("id"));
                    } else {
                        held.put((String) change.get("id"), "held");
                    }
                }
            }
            List<String> expected = given().header("Authorization", inspector(name)).get("/api/v1/me/assignments")
                    .then().statusCode(200).extract().jsonPath().getList("works.id", String.class);
            assertThat(held.keySet()).as(name).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(db.count("SELECT count(*) FROM inspector_work WHERE user_id = CAST(? AS uuid)", userId(name)))
                    .isEqualTo(expected.size());
        }
    }

    @Test
    void anAssignmentAndAWorkWriteInFlightTogetherStillDeliverTheWork() throws Exception {
        String name = "insp-inflight-" + System.nanoTime();
        String bearer = inspector(name);
        String id = userId(name);
        String code = "INFLIGHT-" + System.nanoTime();
        admin();
        String cursor = drain(bearer, null, new ArrayList<>());
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try (java.sql.Connection gate = db.connection()) {
            // Hold the feed lock: both writers reach it inside their transactions and wait there.
            try (var st = gate.createStatement()) {
                st.execute("SELECT pg_advisory_lock(" + mx.implan.brujula.events.InspectorFeed.ASSIGNMENT_LOCK + ")");
            }
            var assigned = pool.submit(() -> assignById(id, zoneA).statusCode(200));
            var written = pool.submit(() -> work(code, point(x + 0.0025, y + 0.0025)));
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> db.count("""
                    SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database =
                        (SELECT oid FROM pg_database WHERE datname = current_database())""") == 2);
            try (var st = gate.createStatement()) {
                st.execute("SELECT pg_advisory_unlock(" + mx.implan.brujula.events.InspectorFeed.ASSIGNMENT_LOCK + ")");
            }
            assigned.get(30, java.util.concurrent.TimeUnit.SECONDS);
            String workId = written.get(30, java.util.concurrent.TimeUnit.SECONDS);
            List<Map<String, Object>> seen = new ArrayList<>();
            drain(bearer, cursor, seen);
            assertThat(keys(seen)).contains("work/" + workId + "/UPSERT", "work/" + workA + "/UPSERT");
            assertThat(db.count("SELECT count(*) FROM inspector_work WHERE user_id = CAST(? AS uuid) AND work_id = CAST(? AS uuid)",
                    id, workId)).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- helpers ----

    private io.restassured.response.ValidatableResponse assign(String username, String... zoneIds) {
        return assignById(userId(username), zoneIds);
    }

    private io.restassured.response.ValidatableResponse assignById(String userId, String... zoneIds) {
        return given().header("Authorization", admin()).contentType(ContentType.JSON)
                .body(Map.of("zones", List.of(zoneIds)))
                .put(USERS + "/" + userId + "/zones").then();
    }

    private String work(String code, Map<String, Object> geometry) {
        return given().header("Authorization", admin()).contentType(ContentType.JSON)
                .body(workBody(code, "Obra " + code, geometry))
                .post("/api/v1/works").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201)).extract().path("id");
    }

    private static Map<String, Object> workBody(String code, String name, Map<String, Object> geometry) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("name", name);
        body.put("programme", "FORTALECE");
        body.put("geometry", geometry);
        return body;
    }

    private static Map<String, Object> point(double lon, double lat) {
        return Map.of("type", "Point", "coordinates", List.of(lon, lat));
    }

    private static Map<String, Object> line(double lon1, double lat1, double lon2, double lat2) {
        return Map.of("type", "LineString", "coordinates", List.of(List.of(lon1, lat1), List.of(lon2, lat2)));
    }

    private static ZoneRecord square(String id, ZoneType type, double lon, double lat) {
        ObjectNode geometry = mx.implan.brujula.testing.Items.JSON.createObjectNode();
        geometry.put("type", "Polygon");
        var ring = geometry.putArray("coordinates").addArray();
        double[][] corners = {{lon, lat}, {lon + 0.01, lat}, {lon + 0.01, lat + 0.01}, {lon, lat + 0.01}, {lon, lat}};
        for (double[] c : corners) {
            ring.addArray().add(c[0]).add(c[1]);
        }
        return new ZoneRecord(id, type, "Zona de prueba " + id, null, 100, 1.0, null, geometry);
    }

    private JsonPath pull(String bearer, String cursor, int limit) {
        db.awaitFeedSettled();
        return given().header("Authorization", bearer).queryParam("limit", limit)
                .queryParam("cursor", cursor == null ? "" : cursor)
                .get("/api/v1/sync/pull").then().statusCode(200).extract().jsonPath();
    }

    /** Follows hasMore to the end, collecting the non-observation changes; returns the last cursor. */
    private String drain(String bearer, String cursor, List<Map<String, Object>> out) {
        return drain(bearer, cursor, out, 1000);
    }

    private String drain(String bearer, String cursor, List<Map<String, Object>> out, int limit) {
        JsonPath page;
        do {
            page = pull(bearer, cursor, limit);
            out.addAll(page.getList("changes.findAll { it.type != 'observation' }"));
            cursor = page.getString("next");
        } while (page.getBoolean("hasMore"));
        return cursor;
    }

    private static List<String> keys(List<Map<String, Object>> changes) {
        return changes.stream().map(c -> c.get("type") + "/" + c.get("id") + "/" + c.get("op")).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(List<Map<String, Object>> changes, String type, String id) {
        return changes.stream().filter(c -> type.equals(c.get("type")) && id.equals(c.get("id"))).reduce((a, b) -> b)
                .map(c -> (Map<String, Object>) c.get("data")).orElseThrow();
    }
}
