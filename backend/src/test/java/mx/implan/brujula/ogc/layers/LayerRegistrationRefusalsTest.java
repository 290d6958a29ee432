package mx.implan.brujula.ogc.layers;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import mx.implan.brujula.auth.Roles;
import mx.implan.brujula.testing.Db;
import mx.implan.brujula.testing.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** One test per bad registration: the status, the problem's code and field, and that nothing was registered or audited. */
@QuarkusTest
class LayerRegistrationRefusalsTest {

    @Inject
    TestUsers users;
    @Inject
    Db db;

    private final List<String> tables = new ArrayList<>();
    private final List<String> layers = new ArrayList<>();

    @AfterEach
    void dropWhatTheTestMade() {
        layers.forEach(id -> given().header("Authorization", admin()).delete(ReferenceLayersTest.LAYERS + "/" + id));
        tables.forEach(t -> db.update("DROP TABLE IF EXISTS layers." + t));
    }

    String admin() {
        return users.bearer("admin-layers", Roles.ADMIN);
    }

    /** A table in schema layers with these column definitions (and a row, so it is not merely empty). */
    String table(String columns) {
        String t = "capa_" + UUID.randomUUID().toString().substring(0, 8);
        tables.add(t);
        db.update("CREATE TABLE layers." + t + " (" + columns + ")");
        return t;
    }

    String good() {
        return table("gid serial PRIMARY KEY, nombre text, fecha timestamptz, geom geometry(MultiPolygon, 4326)");
    }

    static Map<String, Object> body(String table) {
        Map<String, Object> body = new HashMap<>();
        body.put("table", table);
        body.put("title", "Capa de prueba");
        body.put("audience", "PUBLIC");
        return body;
    }

    /** Posts as admin and checks: the status, the code, the field named, and no registration nor audit entry. */
    void refused(Map<String, Object> body, int status, String code, String field) {
        long registered = db.count("SELECT count(*) FROM reference_layer");
        long audited = db.count("SELECT count(*) FROM audit_log WHERE entity_type = 'reference_layer'");
        Response r = given().header("Authorization", admin()).contentType(ContentType.JSON).body(body).post(ReferenceLayersTest.LAYERS);
        r.then().statusCode(status).contentType("application/problem+json")
                .body("errors.field", hasItem(field)).body("errors.code", hasItem(code));
        assertThat(db.count("SELECT count(*) FROM reference_layer")).isEqualTo(registered);
        assertThat(db.count("SELECT count(*) FROM audit_log WHERE entity_type = 'reference_layer'")).isEqualTo(audited);
    }

    @Test
    void anUnknownTableIs422OnTable() {
        refused(body("no_existe_" + UUID.randomUUID().toString().substring(0, 8)), 422, "LAYER_UNKNOWN_TABLE", "table");
    }

    @Test
    void aTableOutsideSchemaLayersIsUnknown() {
        refused(body("observation"), 422, "LAYER_UNKNOWN_TABLE", "table");
    }

    @Test
    void aTableWithoutGeometryIs422() {
        refused(body(table("gid serial PRIMARY KEY, nombre text")), 422, "LAYER_NO_GEOMETRY", "table");
    }

    @Test
    void aTableWithTwoGeometryColumnsIs422() {
        refused(body(table("gid serial PRIMARY KEY, geom geometry(Point, 4326), area geometry(Polygon, 4326)")), 422,
                "LAYER_SEVERAL_GEOMETRIES", "table");
    }

    @Test
    void aGeometryWithoutSridIs422() {
        refused(body(table("gid serial PRIMARY KEY, geom geometry")), 422, "LAYER_UNKNOWN_SRID", "table");
    }

    @Test
    void aTableWithoutPrimaryKeyIs422() {
        refused(body(table("gid integer, geom geometry(Point, 4326)")), 422, "LAYER_NO_PRIMARY_KEY", "table");
    }

    @Test
    void aCompositePrimaryKeyIs422() {
        refused(body(table("a integer, b integer, geom geometry(Point, 4326), PRIMARY KEY (a, b)")), 422, "LAYER_COMPOSITE_KEY", "table");
    }

    @Test
    void aPrimaryKeyOfAnotherTypeIs422() {
        refused(body(table("fecha date PRIMARY KEY, geom geometry(Point, 4326)")), 422, "LAYER_KEY_TYPE", "table");
    }

    @Test
    void anIdThatIsNotASlugIs422() {
        Map<String, Object> body = body(good());
        body.put("id", "Escuelas Primarias");
        refused(body, 422, "LAYER_ID_FORMAT", "id");
    }

    @Test
    void theIdOfABuiltInCollectionIs409() {
        Map<String, Object> body = body(good());
        body.put("id", "zones");
        refused(body, 409, "COLLECTION_ID_TAKEN", "id");
    }

    @Test
    void theIdOfAnotherLayerIs409AndSoIsATableRegisteredTwice() {
        String first = good();
        Map<String, Object> body = body(first);
        body.put("id", "capa-" + first.substring(first.length() - 8));
        given().header("Authorization", admin()).contentType(ContentType.JSON).body(body).post(ReferenceLayersTest.LAYERS)
                .then().statusCode(201);
        layers.add((String) body.get("id"));
        Map<String, Object> sameId = body(good());
        sameId.put("id", body.get("id"));
        refused(sameId, 409, "COLLECTION_ID_TAKEN", "id");
        Map<String, Object> sameTable = body(first);
        sameTable.put("id", "otra-" + first.substring(first.length() - 8));
        refused(sameTable, 409, "LAYER_TABLE_REGISTERED", "table");
    }

    @Test
    void missingTitleAndAnUnknownAudienceAre422NamingEach() {
        Map<String, Object> body = body(good());
        body.remove("title");
        body.put("audience", "EVERYONE");
        refused(body, 422, "REQUIRED", "title");
        refused(body, 422, "INVALID_ENUM", "audience");
    }

    @Test
    void aTimeColumnThatIsNotADateIs422() {
        Map<String, Object> body = body(good());
        body.put("timeColumn", "nombre");
        refused(body, 422, "LAYER_NOT_TEMPORAL", "timeColumn");
        body.put("timeColumn", "no_hay");
        refused(body, 422, "LAYER_UNKNOWN_COLUMN", "timeColumn");
    }

    @Test
    void onlyAdminsRegister() {
        String t = good();
        long registered = db.count("SELECT count(*) FROM reference_layer");
        given().contentType(ContentType.JSON).body(body(t)).post(ReferenceLayersTest.LAYERS).then().statusCode(401);
        given().header("Authorization", users.bearer("supervisor-layers", Roles.SUPERVISOR)).contentType(ContentType.JSON)
                .body(body(t)).post(ReferenceLayersTest.LAYERS).then().statusCode(403).contentType("application/problem+json");
        given().header("Authorization", users.bearer("supervisor-layers", Roles.SUPERVISOR)).get(ReferenceLayersTest.LAYERS)
                .then().statusCode(403);
        assertThat(db.count("SELECT count(*) FROM reference_layer")).isEqualTo(registered);
    }

    @Test
    void aBadChangeIs422AndAnUnknownLayer404() {
        String t = good();
        String id = "cambio-" + t.substring(t.length() - 8);
        Map<String, Object> body = body(t);
        body.put("id", id);
        given().header("Authorization", admin()).contentType(ContentType.JSON).body(body).post(ReferenceLayersTest.LAYERS)
                .then().statusCode(201);
        layers.add(id);
        given().header("Authorization", admin()).contentType(ContentType.JSON).body(Map.of("audience", "NADIE", "timeColumn", "nombre"))
                .patch(ReferenceLayersTest.LAYERS + "/" + id).then().statusCode(422)
                .body("errors.field", hasItem("audience")).body("errors.field", hasItem("timeColumn"));
        given().header("Authorization", admin()).contentType(ContentType.JSON).body(Map.of("timeColumn", "fecha"))
                .patch(ReferenceLayersTest.LAYERS + "/" + id).then().statusCode(200).body("timeColumn", equalTo("fecha"));
        given().get("/ogc/collections/" + id + "/items?datetime=2020-01-01T00:00:00Z/..").then().statusCode(200);
        given().header("Authorization", admin()).contentType(ContentType.JSON).body(Map.of("title", "x"))
                .patch(ReferenceLayersTest.LAYERS + "/no-existe").then().statusCode(404).body("code", equalTo("LAYER_NOT_FOUND"));
    }
}
