package mx.implan.brujula.authz;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import mx.implan.brujula.auth.Roles;
import mx.implan.brujula.demo.DemoReferenceData;
import mx.implan.brujula.testing.Db;
import mx.implan.brujula.testing.Items;
import mx.implan.brujula.testing.Photos;
import mx.implan.brujula.testing.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Walks the authorization table (docs/authorization.md): for every row and every caller (four roles and anonymous)
 * it sends the row's request with a real token and checks the cell — ✓ allowed, 403, 401, and for
 * "own"/"all" rows the same request on the caller's own object (allowed) and on someone else's
 * (hidden for "own", allowed for "all"). Each row needs a request fixture in {@link #FIXTURES},
 * keyed by the row's backticked endpoint text.
 */
@QuarkusTest
class AuthorizationMatrixTest {

    /** What a response amounts to, for the cell's promise. */
    enum Verdict { ALLOWED, HIDDEN, FORBIDDEN, UNAUTHENTICATED, OTHER }

    /** One request of a row, as {@code caller}, on their own object or ({@code foreign}) someone else's. */
    record Call(World world, String caller, boolean foreign) {
        String username() {
            return "anonymous".equals(caller) ? World.OTHER : World.user(caller);
        }

        String bearer() {
            return "anonymous".equals(caller) ? null : world.bearers.get(caller);
        }

        /** Whose objects this call is about: the caller's, or the other inspector's. */
        String owner() {
            return foreign || "anonymous".equals(caller) ? World.OTHER : World.user(caller);
        }

        String ownerBearer() {
            return world.bearers.get(foreign || "anonymous".equals(caller) ? "other" : caller);
        }

        RequestSpecification spec() {
            RequestSpecification spec = given();
            return bearer() == null ? spec : spec.header("Authorization", bearer());
        }
    }

    @FunctionalInterface
    interface Sender {
        Response send(Call call);
    }

    @FunctionalInterface
    interface Judge {
        Verdict judge(Response response, Call call);
    }

    /** A row's request; {@code foreignApplies}: the request can target someone else's object ("own"/"all" rows). */
    record Fixture(Sender sender, Judge judge, boolean foreignApplies) {
        static Fixture of(Sender sender) {
            return new Fixture(sender, AuthorizationMatrixTest::byStatus, false);
        }

        static Fixture owned(Sender sender) {
            return new Fixture(sender, AuthorizationMatrixTest::byStatus, true);
        }

        static Fixture owned(Sender sender, Judge judge) {
            return new Fixture(sender, judge, true);
        }
    }

    static Verdict byStatus(Response r, Call call) {
        int s = r.statusCode();
        if (s >= 200 && s < 300) {
            return Verdict.ALLOWED;
        }
        return switch (s) {
            case 401 -> Verdict.UNAUTHENTICATED;
            case 403 -> Verdict.FORBIDDEN;
            case 404 -> Verdict.HIDDEN;
            default -> Verdict.OTHER;
        };
    }

    /** A listing: allowed when it shows the object the call is about, hidden when it leaves it out. */
    static Judge listing(java.util.function.Function<Call, String> id) {
        return (r, call) -> {
            Verdict v = byStatus(r, call);
            if (v != Verdict.ALLOWED) {
                return v;
            }
            return r.asString().contains(id.apply(call)) ? Verdict.ALLOWED : Verdict.HIDDEN;
        };
    }

    private static final String WORK = """
            {"code": "%s", "name": "Obra de la matriz", "programme": "FORTALECE", "fund": "Ramo 23",
             "budgetMxn": 1000, "plannedStart": "2025-04-01", "plannedEnd": "2025-10-31",
             "geometry": {"type": "Point", "coordinates": [-110.9613, 29.0729]}}
            """;
    private static final String CSV = """
            code,name,programme,fund,budget_mxn,contractor,planned_start,planned_end,lon,lat,wkt,description,color
            %s,Obra importada,FORTALECE,Ramo 23,1000,,2025-01-15,2025-09-30,-110.9613,29.0729,,,
            """;

    /** Request fixtures, keyed by the table's endpoint text. */
    static final Map<String, Fixture> FIXTURES = new LinkedHashMap<>();

    static {
        FIXTURES.put("POST /api/v1/auth/token", Fixture.of(c -> given().contentType(ContentType.JSON)
                .body(Map.of("username", c.username(), "password", TestUsers.PASSWORD)).post("/api/v1/auth/token")));
        FIXTURES.put("POST /api/v1/auth/refresh", Fixture.of(c -> {
            String refresh = given().contentType(ContentType.JSON)
                    .body(Map.of("username", c.username(), "password", TestUsers.PASSWORD)).post("/api/v1/auth/token")
                    .then().statusCode(200).extract().path("refreshToken");
            return given().contentType(ContentType.JSON).body(Map.of("refreshToken", refresh)).post("/api/v1/auth/refresh");
        }));
        FIXTURES.put("GET /api/v1/auth/me", Fixture.of(c -> c.spec().get("/api/v1/auth/me")));
        FIXTURES.put("POST /api/v1/sync/push", Fixture.owned(c -> {
            if (!c.foreign()) {
                return c.spec().contentType(ContentType.JSON).body(Items.batch(Items.risk(UUID.randomUUID()))).post("/api/v1/sync/push");
            }
            ObjectNode edit = Items.edit(c.world().observation(c.ownerBearer()), 1);
            edit.put("notes", "Editada por " + c.caller());
            return c.spec().contentType(ContentType.JSON).body(Items.batch(edit)).post("/api/v1/sync/push");
        }, (r, c) -> {
            Verdict v = byStatus(r, c);
            if (v != Verdict.ALLOWED) {
                return v;
            }
            String status = r.path("results[0].status");
            return "CREATED".equals(status) || "UPDATED".equals(status) ? Verdict.ALLOWED
                    : "REJECTED".equals(status) ? Verdict.HIDDEN : Verdict.OTHER;
        }));
        FIXTURES.put("GET /api/v1/sync/pull", Fixture.owned(c -> c.spec().queryParam("cursor", c.world().cursors.getOrDefault(c.caller(), ""))
                .queryParam("limit", 1000).get("/api/v1/sync/pull"), listing(c -> c.world().observations.get(c.owner()))));
        FIXTURES.put("GET /api/v1/observations", Fixture.owned(c -> c.spec().queryParam("bbox", c.world().bbox())
                .queryParam("limit", 100).get("/api/v1/observations"), listing(c -> c.world().observations.get(c.owner()))));
        FIXTURES.put("GET /api/v1/observations/{id}", Fixture.owned(c ->
                c.spec().get("/api/v1/observations/" + c.world().observations.get(c.owner()))));
        FIXTURES.put("POST /api/v1/observations", Fixture.owned(c -> {
            ObjectNode item = c.foreign() ? Items.edit(c.world().observation(c.ownerBearer()), 1) : Items.risk(UUID.randomUUID());
            item.put("notes", "Por " + c.caller());
            return c.spec().contentType(ContentType.JSON).body(item.toString()).post("/api/v1/observations");
        }));
        FIXTURES.put("PATCH /api/v1/observations/{id}", Fixture.of(c -> c.spec().contentType(ContentType.JSON)
                .body("{\"status\": \"DISMISSED\"}")
                .patch("/api/v1/observations/" + c.world().observation(c.world().bearers.get("other")).get("id").asText())));
        FIXTURES.put("GET /api/v1/conflicts", Fixture.owned(c -> {
            String id = c.world().conflict(c.ownerBearer());
            c.world().lastConflict.put(c.caller() + c.foreign(), id);
            return c.spec().queryParam("limit", 1000).get("/api/v1/conflicts");
        }, listing(c -> c.world().lastConflict.get(c.caller() + c.foreign()))));
        FIXTURES.put("POST /api/v1/conflicts/{id}/resolution", Fixture.owned(c -> c.spec().contentType(ContentType.JSON)
                .body("{\"resolution\":\"TAKE_SERVER\"}")
                .post("/api/v1/conflicts/" + c.world().conflict(c.ownerBearer()) + "/resolution")));
        FIXTURES.put("GET /api/v1/zones", Fixture.of(c -> c.spec().queryParam("limit", 1).get("/api/v1/zones")));
        FIXTURES.put("GET /api/v1/zones/{id}", Fixture.of(c -> c.spec().get("/api/v1/zones/" + c.world().zoneId)));
        FIXTURES.put("GET /api/v1/works", Fixture.of(c -> c.spec().queryParam("limit", 1).get("/api/v1/works")));
        FIXTURES.put("GET /api/v1/works/{id}", Fixture.of(c -> c.spec().get("/api/v1/works/" + c.world().workId)));
        FIXTURES.put("POST /api/v1/works", Fixture.of(c -> c.spec().contentType(ContentType.JSON)
                .body(WORK.formatted("MATRIZ-" + UUID.randomUUID().toString().substring(0, 8))).post("/api/v1/works")));
        FIXTURES.put("POST /api/v1/works/import", Fixture.of(c -> c.spec().contentType("text/csv")
                .body(CSV.formatted("MATRIZ-IMP-" + UUID.randomUUID().toString().substring(0, 8))).post("/api/v1/works/import")));
        FIXTURES.put("GET /api/v1/works/progress", Fixture.of(c -> c.spec().queryParam("limit", 1).get("/api/v1/works/progress")));
        // Inspectors: a work inside the zone the matrix gives them (own) and one outside it (someone else's).
        FIXTURES.put("GET /api/v1/works/{id}/progress", Fixture.owned(c ->
                c.spec().get("/api/v1/works/" + c.world().progressWork(c) + "/progress")));
        FIXTURES.put("PUT /api/v1/attachments/{sha256}", Fixture.of(c -> {
            byte[] jpeg = Photos.jpeg(ThreadLocalRandom.current().nextInt(20, 400), ThreadLocalRandom.current().nextInt(20, 400));
            return c.spec().contentType("image/jpeg").body(jpeg).put("/api/v1/attachments/" + Photos.sha256(jpeg));
        }));
        FIXTURES.put("HEAD /api/v1/attachments/{sha256}", Fixture.of(c ->
                c.spec().head("/api/v1/attachments/" + c.world().photos.get(World.OTHER))));
        FIXTURES.put("POST /api/v1/attachments/missing", Fixture.of(c -> c.spec().contentType(ContentType.JSON)
                .body(Map.of("hashes", List.of(c.world().photos.get(World.OTHER)))).post("/api/v1/attachments/missing")));
        FIXTURES.put("GET /api/v1/attachments/{sha256}", Fixture.owned(c -> c.spec().queryParam("variant", "original")
                .get("/api/v1/attachments/" + c.world().photos.get(c.owner()))));
        FIXTURES.put("GET /api/v1/attachments/{sha256}?variant=public", Fixture.of(c -> c.spec().queryParam("variant", "public")
                .get("/api/v1/attachments/" + c.world().approvedPhoto)));
        FIXTURES.put("GET /api/v1/moderation/photos", Fixture.of(c -> c.spec().queryParam("status", "approved")
                .get("/api/v1/moderation/photos")));
        // The same decision again changes nothing, so every allowed caller may repeat it.
        FIXTURES.put("POST /api/v1/moderation/photos/{sha256}/decision", Fixture.of(c -> c.spec().contentType(ContentType.JSON)
                .body("{\"decision\": \"APPROVED\"}").post("/api/v1/moderation/photos/" + c.world().approvedPhoto + "/decision")));
        FIXTURES.put("GET /api/v1/admin/users", Fixture.of(c -> c.spec().queryParam("role", "inspector").get("/api/v1/admin/users")));
        FIXTURES.put("POST /api/v1/admin/users", Fixture.of(c -> c.spec().contentType(ContentType.JSON)
                .body(Map.of("username", World.freshUsername(), "role", "inspector")).post("/api/v1/admin/users")));
        FIXTURES.put("GET /api/v1/admin/users/{id}", Fixture.of(c -> c.spec().get("/api/v1/admin/users/" + c.world().otherId)));
        FIXTURES.put("PATCH /api/v1/admin/users/{id}", Fixture.of(c -> c.spec().contentType(ContentType.JSON)
                .body(Map.of("displayName", "Inspectora de la matriz")).patch("/api/v1/admin/users/" + c.world().otherId)));
        // Deleting and resetting passwords act on a user made for the call, never on the accounts the matrix signs in with.
        FIXTURES.put("DELETE /api/v1/admin/users/{id}", Fixture.of(c -> c.spec().delete("/api/v1/admin/users/" + c.world().freshUser())));
        FIXTURES.put("POST /api/v1/admin/users/{id}/password", Fixture.of(c -> c.spec().contentType(ContentType.JSON).body("{}")
                .post("/api/v1/admin/users/" + c.world().freshUser() + "/password")));
        FIXTURES.put("GET /api/v1/admin/users/{id}/history", Fixture.of(c -> c.spec().get("/api/v1/admin/users/" + c.world().otherId + "/history")));
        FIXTURES.put("GET /api/v1/admin/users/{id}/zones", Fixture.of(c -> c.spec().get("/api/v1/admin/users/" + c.world().otherId + "/zones")));
        FIXTURES.put("PUT /api/v1/admin/users/{id}/zones", Fixture.of(c -> c.spec().contentType(ContentType.JSON)
                .body(Map.of("zones", List.of(c.world().agebId))).put("/api/v1/admin/users/" + c.world().otherId + "/zones")));
        FIXTURES.put("GET /api/v1/admin/dead-letters", Fixture.of(c -> c.spec().get("/api/v1/admin/dead-letters")));
        // Each call gets a dead letter of its own: retrying or discarding one resolves it.
        FIXTURES.put("GET /api/v1/admin/dead-letters/{id}", Fixture.of(c -> c.spec().get("/api/v1/admin/dead-letters/" + World.deadLetter())));
        FIXTURES.put("POST /api/v1/admin/dead-letters/{id}/retry",
                Fixture.of(c -> c.spec().post("/api/v1/admin/dead-letters/" + World.deadLetter() + "/retry")));
        FIXTURES.put("POST /api/v1/admin/dead-letters/{id}/discard",
                Fixture.of(c -> c.spec().post("/api/v1/admin/dead-letters/" + World.deadLetter() + "/discard")));
        FIXTURES.put("GET /api/v1/indicators", Fixture.of(c -> c.spec().queryParam("category", "URBAN_IMAGE").get("/api/v1/indicators")));
        FIXTURES.put("GET /ogc/collections/{collectionId}/tiles/WebMercatorQuad", Fixture.of(c -> c.spec()
                .get("/ogc/collections/risks/tiles/WebMercatorQuad")));
        FIXTURES.put("GET /ogc/collections/{collectionId}/tiles/WebMercatorQuad/{z}/{y}/{x}", Fixture.of(c -> c.spec()
                .get("/ogc/collections/risks/tiles/WebMercatorQuad/0/0/0")));
        FIXTURES.put("GET /api/v1/indicators/{code}", Fixture.of(c -> c.spec().get("/api/v1/indicators/POPULATION")));
        FIXTURES.put("GET /api/v1/indicators/{code}/values", Fixture.of(c -> c.spec().queryParam("level", "MUNICIPALITY")
                .get("/api/v1/indicators/POPULATION/values")));
        FIXTURES.put("GET /api/v1/me/map-package", Fixture.of(c -> c.spec().get("/api/v1/me/map-package")));
        FIXTURES.put("GET /api/v1/admin/layers", Fixture.of(c -> c.spec().get("/api/v1/admin/layers")));
        FIXTURES.put("POST /api/v1/admin/layers", Fixture.of(c -> c.spec().contentType(ContentType.JSON)
                .body(Map.of("table", World.layerTable(), "title", "Capa de la matriz", "audience", "STAFF")).post("/api/v1/admin/layers")));
        FIXTURES.put("PATCH /api/v1/admin/layers/{id}", Fixture.of(c -> c.spec().contentType(ContentType.JSON)
                .body(Map.of("title", "Capa de la matriz, " + c.caller())).patch("/api/v1/admin/layers/" + c.world().layer())));
        FIXTURES.put("DELETE /api/v1/admin/layers/{id}", Fixture.of(c -> c.spec().delete("/api/v1/admin/layers/" + c.world().layer())));
        FIXTURES.put("GET /ogc", Fixture.of(c -> c.spec().get("/ogc")));
        FIXTURES.put("GET /ogc/conformance", Fixture.of(c -> c.spec().get("/ogc/conformance")));
        FIXTURES.put("GET /ogc/api", Fixture.of(c -> c.spec().get("/ogc/api")));
        FIXTURES.put("GET /ogc/collections", Fixture.of(c -> c.spec().get("/ogc/collections")));
        FIXTURES.put("GET /ogc/collections/{collectionId}", Fixture.of(c -> c.spec().get("/ogc/collections/risks")));
        FIXTURES.put("GET /ogc/collections/{collectionId}?staff", Fixture.of(c -> c.spec().get("/ogc/collections/observations")));
        FIXTURES.put("GET /ogc/collections/{collectionId}/queryables", Fixture.of(c -> c.spec().get("/ogc/collections/zones/queryables")));
        FIXTURES.put("GET /ogc/collections/{collectionId}/queryables?staff",
                Fixture.of(c -> c.spec().get("/ogc/collections/observations/queryables")));
        FIXTURES.put("GET /ogc/collections/{collectionId}/items", Fixture.of(c -> c.spec().queryParam("limit", 2)
                .get("/ogc/collections/risks/items")));
        FIXTURES.put("GET /ogc/collections/{collectionId}/items?staff", Fixture.of(c -> c.spec().queryParam("limit", 2)
                .get("/ogc/collections/observations/items")));
        FIXTURES.put("GET /ogc/collections/{collectionId}/items/{featureId}", Fixture.of(c -> c.spec()
                .get("/ogc/collections/zones/items/" + c.world().zoneId)));
        FIXTURES.put("GET /ogc/collections/{collectionId}/items/{featureId}?staff", Fixture.of(c -> c.spec()
                .get("/ogc/collections/observations/items/" + c.world().observations.values().iterator().next())));
        FIXTURES.put("GET /api/v1/opendata/catalog.jsonld", Fixture.of(c -> c.spec().get("/api/v1/opendata/catalog.jsonld")));
        FIXTURES.put("POST /api/v1/admin/indicators/import", Fixture.of(c -> c.spec().contentType("text/csv")
                .body("indicator_code,zone_id,period_type,period_start,value\nHEALTH_NO_AFFILIATION_SHARE," + c.world().zoneId
                        + ",YEAR,2020-01-01,12.5\n").post("/api/v1/admin/indicators/import")));
        FIXTURES.put("POST /api/v1/admin/indicators/recompute", Fixture.of(c -> c.spec().post("/api/v1/admin/indicators/recompute")));
        FIXTURES.put("GET /api/v1/alerts", Fixture.of(c -> c.spec().queryParam("limit", 1).get("/api/v1/alerts")));
        // Each call acknowledges an alert of its own; acknowledging is idempotent anyway.
        FIXTURES.put("POST /api/v1/alerts/{id}/acknowledge", Fixture.of(c -> c.spec().post("/api/v1/alerts/" + World.alert() + "/acknowledge")));
        // An endless response: the status is read, then the stream is closed.
        FIXTURES.put("GET /api/v1/alerts/stream", Fixture.of(c -> World.stream(c.bearer())));
        FIXTURES.put("GET /api/v1/me/assignments", Fixture.of(c -> c.spec().get("/api/v1/me/assignments")));
        FIXTURES.put("GET /open311/v2/discovery.{format}", Fixture.of(c -> c.spec().get("/open311/v2/discovery.json")));
        FIXTURES.put("GET /open311/v2/services.{format}", Fixture.of(c -> c.spec().get("/open311/v2/services.xml")));
        FIXTURES.put("GET /open311/v2/services/{file}", Fixture.of(c -> c.spec().get("/open311/v2/services/URBAN_IMAGE_BACHE.json")));
        FIXTURES.put("POST /open311/v2/requests.{format}", new Fixture(c -> World.report(c.spec(), "matriz@example.mx"),
                (r, c) -> {
                    Verdict v = byStatus(r, c);
                    if (v != Verdict.ALLOWED) {
                        return v;
                    }
                    // ✓ (token) for anonymous callers (in its header); a signed-in caller's report is filed under the account.
                    Object token = r.header(mx.implan.brujula.citizen.Open311Resource.TRACKING_TOKEN);
                    Object account = r.path("[0].account_id");
                    return ("anonymous".equals(c.caller()) ? token != null : account != null) ? Verdict.ALLOWED : Verdict.OTHER;
                }, false));
        FIXTURES.put("GET /open311/v2/requests.{format}", Fixture.of(c -> c.spec().get("/open311/v2/requests.json")));
        FIXTURES.put("GET /open311/v2/requests.{format}?mine=true", Fixture.owned(c -> c.spec().queryParam("mine", "true")
                .get("/open311/v2/requests.json"), listing(c -> c.world().reports.get(c.owner()))));
        FIXTURES.put("GET /open311/v2/requests/{file}", Fixture.of(c ->
                c.spec().get("/open311/v2/requests/" + c.world().reports.get(World.OTHER) + ".json")));
        FIXTURES.put("GET /open311/v2/tokens/{file}", Fixture.of(c -> c.spec().get("/open311/v2/tokens/" + c.world().token + ".json")));
        FIXTURES.put("GET /open311/v2/{path}", new Fixture(c -> c.spec().get("/open311/v2/no-existe.json"),
                // The route answers every caller alike: 404 in the spec's error format.
                (r, c) -> r.statusCode() == 404 && r.asString().contains("\"code\":404") ? Verdict.ALLOWED : byStatus(r, c), false));
        FIXTURES.put("GET /open311/v2/servicerequestupdates.{format}", Fixture.of(c -> c.spec().get("/open311/v2/servicerequestupdates.xml")));
        FIXTURES.put("GET /api/v1/citizen-reports", Fixture.of(c -> c.spec().queryParam("limit", "5").get("/api/v1/citizen-reports")));
        // Placing the same report again is a new revision at the same point: every allowed caller may repeat it.
        FIXTURES.put("PUT /api/v1/citizen-reports/{id}/location", Fixture.of(c -> c.spec().contentType(ContentType.JSON)
                .body(Map.of("lat", c.world().lat, "long", c.world().lon))
                .put("/api/v1/citizen-reports/" + c.world().reports.get(World.OTHER) + "/location")));
        FIXTURES.put("GET /aviso-de-privacidad", Fixture.of(c -> c.spec().get("/aviso-de-privacidad")));
        FIXTURES.put("GET /api/v1/citizen-contacts/{id}", Fixture.of(c ->
                c.spec().get("/api/v1/citizen-contacts/" + c.world().reports.get(World.OTHER))));
        FIXTURES.put("GET /api/v1/citizen-contacts", Fixture.of(c -> c.spec().queryParam("email", "matriz@example.mx")
                .get("/api/v1/citizen-contacts")));
        FIXTURES.put("PATCH /api/v1/citizen-contacts/{id}", Fixture.of(c -> c.spec().contentType(ContentType.JSON)
                .body("{\"phone\": \"6620000000\"}").patch("/api/v1/citizen-contacts/" + c.world().reports.get(World.OTHER))));
        FIXTURES.put("DELETE /api/v1/citizen-contacts", Fixture.of(c -> {
            String email = "arco-" + UUID.randomUUID().toString().substring(0, 8) + "@example.mx";
            World.report(given(), email).then().statusCode(201);
            return c.spec().queryParam("email", email).queryParam("reason", "Solicitud ARCO de la matriz")
                    .delete("/api/v1/citizen-contacts");
        }));
    }

    /** The objects the requests are about: per account an observation with a photo and a citizen report. */
    static final class World {
        static final String OTHER = "matrix-other-inspector";
        final Map<String, String> bearers = new HashMap<>();
        final Map<String, String> observations = new HashMap<>();
        final Map<String, String> photos = new HashMap<>();
        final Map<String, String> reports = new HashMap<>();
        final Map<String, String> lastConflict = new HashMap<>();
        final double lon = -110.90 - ThreadLocalRandom.current().nextDouble() * 0.05;
        final double lat = 29.15 + ThreadLocalRandom.current().nextDouble() * 0.05;
        /** Per caller, the end of the feed before the objects were made (a cursor belongs to its holder's scope). */
        final Map<String, String> cursors = new HashMap<>();
        String token;
        String zoneId;
        String workId;
        /** The citizen's photo, approved by a supervisor: public as its EXIF-stripped variant. */
        String approvedPhoto;
        /** The other inspector's user id, and an AGEB to assign. */
        String otherId;
        String agebId;

        static String freshUsername() {
            return "matrix-" + UUID.randomUUID().toString().substring(0, 8);
        }

        /** A new inspector account, created by the admin for one call. */
        String freshUser() {
            return given().header("Authorization", bearers.get("admin")).contentType(ContentType.JSON)
                    .body(Map.of("username", freshUsername(), "role", "inspector")).post("/api/v1/admin/users")
                    .then().statusCode(201).extract().path("id");
        }

        /** A work the inspector follows (in the zone the matrix assigns them), and one outside their zones. */
        String inspectorWork;
        String foreignWork;

        /** The work a progress request of this call is about. */
        synchronized String progressWork(Call c) {
            if (!"inspector".equals(c.caller()) && !c.foreign()) {
                return workId;
            }
            if (inspectorWork == null) {
                String admin = bearers.get("admin");
                String inspectorId = jakarta.enterprise.inject.spi.CDI.current().select(Db.class).get()
                        .string("select id::text from app_user where username = ?", user("inspector"));
                List<String> zones = given().header("Authorization", admin).queryParam("limit", 1000).get("/api/v1/works")
                        .then().statusCode(200).extract().path("items.findAll { it.zoneId != null }.zoneId");
                for (String zone : zones) {
                    int status = given().header("Authorization", admin).contentType(ContentType.JSON).body(Map.of("zones", List.of(zone)))
                            .put("/api/v1/admin/users/" + inspectorId + "/zones").statusCode();
                    if (status == 200) {
                        break; // an AGEB or locality (the municipality is not assignable)
                    }
                }
                List<String> followed = given().header("Authorization", bearers.get("inspector")).get("/api/v1/me/assignments")
                        .then().statusCode(200).extract().path("works.id");
                List<String> all = given().header("Authorization", admin).queryParam("limit", 1000).get("/api/v1/works")
                        .then().statusCode(200).extract().path("items.id");
                inspectorWork = followed.get(0);
                foreignWork = all.stream().filter(w -> !followed.contains(w)).findFirst().orElseThrow();
            }
            return c.foreign() ? foreignWork : inspectorWork;
        }

        /** A new alert, raised for the call. */
        static long alert() {
            var details = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                    .put("code", "MATRIZ").put("name", "Obra de la matriz").put("plannedToday", 50).put("lastActual", 20)
                    .put("delayPoints", 30).put("threshold", 10);
            return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> jakarta.enterprise.inject.spi.CDI.current()
                    .select(mx.implan.brujula.alerts.Alerts.class).get()
                    .raise(new mx.implan.brujula.alerts.Alerts.NewAlert(mx.implan.brujula.alerts.AlertKind.WORK_DELAYED, 3, "work",
                            UUID.randomUUID(), null, details)).orElseThrow());
        }

        /** Opens the alert stream, reads the status and closes it. */
        static Response stream(String bearer) {
            java.net.URI uri = java.net.URI.create(io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port
                    + "/api/v1/alerts/stream");
            try (mx.implan.brujula.testing.EventStream stream = mx.implan.brujula.testing.EventStream.open(uri, bearer, null)) {
                return new io.restassured.builder.ResponseBuilder().setStatusCode(stream.status())
                        .setStatusLine("HTTP/1.1 " + stream.status()).setBody("").build();
            }
        }

        /** A publishable table in schema layers, as ogr2ogr leaves one (the test profile's clean empties the schema). */
        static String layerTable() {
            String table = "matriz_" + UUID.randomUUID().toString().substring(0, 8);
            jakarta.enterprise.inject.spi.CDI.current().select(Db.class).get()
                    .update("CREATE TABLE layers." + table + " (ogc_fid serial PRIMARY KEY, nombre text, geom geometry(Point, 4326))");
            return table;
        }

        /** A staff layer the admin registered, for one call (a DELETE removes it). */
        String layer() {
            return given().header("Authorization", bearers.get("admin")).contentType(ContentType.JSON)
                    .body(Map.of("table", layerTable(), "title", "Capa de la matriz", "audience", "STAFF"))
                    .post("/api/v1/admin/layers").then().statusCode(201).extract().path("id");
        }

        /** A new open dead letter of the test projector, whose retry succeeds. */
        static long deadLetter() {
            var cdi = jakarta.enterprise.inject.spi.CDI.current();
            cdi.select(mx.implan.brujula.testing.Db.class).get().update(mx.implan.brujula.events.RecordingProjector.TABLE);
            long eventId = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50);
            var event = new mx.implan.brujula.events.DomainEvent(eventId, "observation.created", "observation",
                    UUID.randomUUID().toString(), null, com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                    .put("notes", mx.implan.brujula.events.RecordingProjector.MARK + "matrix").put("rev", 1));
            cdi.select(mx.implan.brujula.events.DeadLetters.class).get()
                    .record(mx.implan.brujula.events.RecordingProjector.NAME, event, null, "matrix fixture", 1, "test");
            return ((Number) cdi.select(mx.implan.brujula.testing.Db.class).get()
                    .one("SELECT id FROM dead_letter WHERE event_id = ?", eventId)).longValue();
        }

        static String user(String caller) {
            return "other".equals(caller) ? OTHER : "matrix-" + caller;
        }

        String bbox() {
            return (lon - 0.0005) + "," + (lat - 0.0005) + "," + (lon + 0.0005) + "," + (lat + 0.0005);
        }

        /** A new observation of {@code bearer}'s (rev 1). */
        ObjectNode observation(String bearer) {
            ObjectNode item = Items.risk(UUID.randomUUID(), lon, lat);
            given().header("Authorization", bearer).contentType(ContentType.JSON).body(Items.batch(item))
                    .post("/api/v1/sync/push").then().statusCode(200).body("results[0].status", equalTo("CREATED"));
            return item;
        }

        /** A new open conflict of {@code bearer}'s: two edits from the same base revision. */
        String conflict(String bearer) {
            ObjectNode item = observation(bearer);
            ObjectNode a = Items.edit(item, 1);
            a.put("notes", "Primera");
            given().header("Authorization", bearer).contentType(ContentType.JSON).body(Items.batch(a)).post("/api/v1/sync/push")
                    .then().statusCode(200);
            ObjectNode b = Items.edit(item, 1);
            b.put("notes", "Segunda");
            given().header("Authorization", bearer).contentType(ContentType.JSON).body(Items.batch(b)).post("/api/v1/sync/push")
                    .then().statusCode(200).body("results[0].status", equalTo("CONFLICT"));
            return given().header("Authorization", bearer).queryParam("limit", 1000).get("/api/v1/conflicts").then().statusCode(200)
                    .extract().path("items.find { it.observationId == '" + item.get("id").asText() + "' }.id");
        }

        static Response report(RequestSpecification spec, String email) {
            double[] p = {-111.00 + ThreadLocalRandom.current().nextDouble() * 0.10, 29.03 + ThreadLocalRandom.current().nextDouble() * 0.10};
            return spec.contentType("application/x-www-form-urlencoded; charset=UTF-8")
                    .formParam("service_code", "RISK_INUNDACION").formParam("lat", Double.toString(p[1]))
                    .formParam("long", Double.toString(p[0])).formParam("description", "Reporte de la matriz")
                    .formParam("email", email).formParam("first_name", "Nombre Privado")
                    .post("/open311/v2/requests.json");
        }
    }

    private static World world;

    @Inject
    TestUsers users;
    @Inject
    DemoReferenceData demo;
    @Inject
    Db db;

    @BeforeEach
    void world() {
        if (world != null) {
            return;
        }
        demo.load(); // zones and the works catalogue; idempotent
        World w = new World();
        Map<String, String> roles = Map.of("citizen", Roles.CITIZEN, "inspector", Roles.INSPECTOR,
                "supervisor", Roles.SUPERVISOR, "admin", Roles.ADMIN, "other", Roles.INSPECTOR);
        roles.forEach((caller, role) -> w.bearers.put(caller, users.bearer(World.user(caller), role)));
        for (String caller : roles.keySet()) {
            String cursor = null;
            io.restassured.path.json.JsonPath page;
            do {
                page = given().header("Authorization", w.bearers.get(caller)).queryParam("limit", 1000)
                        .queryParam("cursor", cursor == null ? "" : cursor).get("/api/v1/sync/pull").then().statusCode(200)
                        .extract().jsonPath();
                cursor = page.getString("next");
            } while (page.getBoolean("hasMore"));
            w.cursors.put(caller, cursor);
        }
        int side = 50;
        for (String caller : roles.keySet()) {
            String bearer = w.bearers.get(caller);
            byte[] jpeg = Photos.jpeg(side++, 41);
            String sha = Photos.sha256(jpeg);
            given().header("Authorization", bearer).contentType("image/jpeg").body(jpeg).put("/api/v1/attachments/" + sha)
                    .then().statusCode(org.hamcrest.Matchers.anyOf(equalTo(200), equalTo(201)));
            ObjectNode item = Items.risk(UUID.randomUUID(), w.lon, w.lat);
            item.putArray("photos").addObject().put("sha256", sha).put("mediaType", "image/jpeg").put("bytes", jpeg.length);
            given().header("Authorization", bearer).contentType(ContentType.JSON).body(Items.batch(item))
                    .post("/api/v1/sync/push").then().statusCode(200).body("results[0].status", equalTo("CREATED"));
            w.observations.put(World.user(caller), item.get("id").asText());
            w.photos.put(World.user(caller), sha);
            w.reports.put(World.user(caller), World.report(given().header("Authorization", bearer), "matriz@example.mx")
                    .then().statusCode(201).extract().path("[0].service_request_id"));
        }
        w.approvedPhoto = w.photos.get(World.user("citizen"));
        given().header("Authorization", w.bearers.get("supervisor")).contentType(ContentType.JSON)
                .body("{\"decision\": \"APPROVED\"}").post("/api/v1/moderation/photos/" + w.approvedPhoto + "/decision")
                .then().statusCode(200);
        w.token = World.report(given(), "anonima@example.mx").then().statusCode(201).extract()
                .header(mx.implan.brujula.citizen.Open311Resource.TRACKING_TOKEN);
        w.zoneId = given().header("Authorization", w.bearers.get("admin")).queryParam("limit", 1).get("/api/v1/zones")
                .then().statusCode(200).extract().path("items[0].id");
        w.workId = given().header("Authorization", w.bearers.get("admin")).queryParam("limit", 1).get("/api/v1/works")
                .then().statusCode(200).extract().path("items[0].id");
        w.otherId = db.string("select id::text from app_user where username = ?", World.OTHER);
        w.agebId = given().header("Authorization", w.bearers.get("admin")).queryParam("type", "AGEB").queryParam("limit", 1)
                .get("/api/v1/zones").then().statusCode(200).extract().path("items[0].id");
        // Pull delivers a change once no older transaction runs (a projector's batch, another test's
        // write): wait for that once, so every pull cell below sees the world's objects.
        db.awaitFeedSettled();
        world = w;
    }

    static Stream<Arguments> cells() {
        List<Arguments> cells = new ArrayList<>();
        for (AuthorizationTable.Row row : AuthorizationTable.rows()) {
            for (String caller : AuthorizationTable.CALLERS) {
                cells.add(Arguments.of(row.key(), caller, row.access().get(caller)));
            }
        }
        return cells.stream();
    }

    @Test
    void everyReadmeRowHasARequestFixtureAndEveryFixtureARow() {
        Set<String> rows = new TreeSet<>();
        AuthorizationTable.rows().forEach(r -> rows.add(r.key()));
        Set<String> withoutFixture = new TreeSet<>(rows);
        withoutFixture.removeAll(FIXTURES.keySet());
        Set<String> withoutRow = new TreeSet<>(FIXTURES.keySet());
        withoutRow.removeAll(rows);
        assertThat(withoutFixture).as("authorization table rows with no request fixture in AuthorizationMatrixTest.FIXTURES").isEmpty();
        assertThat(withoutRow).as("fixtures in AuthorizationMatrixTest.FIXTURES with no authorization table row").isEmpty();
    }

    @ParameterizedTest(name = "{0} as {1}: {2}")
    @MethodSource("cells")
    void theReadmeCellHolds(String key, String caller, AuthorizationTable.Access access) {
        Fixture fixture = FIXTURES.get(key);
        assertThat(fixture).as("request fixture for authorization table row `%s` in AuthorizationMatrixTest.FIXTURES", key).isNotNull();
        Response own = fixture.sender().send(new Call(world, caller, false));
        Verdict verdict = fixture.judge().judge(own, new Call(world, caller, false));
        String what = key + " as " + caller + " (" + own.statusCode() + ": " + abbreviated(own) + ")";
        switch (access) {
            case UNAUTHENTICATED_401 -> assertThat(own.statusCode()).as(what).isEqualTo(401);
            case FORBIDDEN_403 -> assertThat(own.statusCode()).as(what).isEqualTo(403);
            case ALLOWED -> assertThat(verdict).as(what).isEqualTo(Verdict.ALLOWED);
            case OWN, ALL -> {
                assertThat(verdict).as(what + ", own object").isEqualTo(Verdict.ALLOWED);
                if (fixture.foreignApplies()) {
                    Call foreign = new Call(world, caller, true);
                    Response other = fixture.sender().send(foreign);
                    Verdict seen = fixture.judge().judge(other, foreign);
                    String about = key + " as " + caller + ", someone else's object (" + other.statusCode() + ": " + abbreviated(other) + ")";
                    if (access == AuthorizationTable.Access.ALL) {
                        assertThat(seen).as(about).isEqualTo(Verdict.ALLOWED);
                    } else {
                        assertThat(seen).as(about).isIn(Verdict.HIDDEN, Verdict.FORBIDDEN);
                    }
                }
            }
        }
    }

    private static String abbreviated(Response r) {
        String body = r.asString();
        return body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }
}
