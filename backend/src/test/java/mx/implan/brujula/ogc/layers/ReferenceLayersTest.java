package mx.implan.brujula.ogc.layers;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
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
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * Tables the GIS team leaves in schema layers (as ogr2ogr or QGIS would: a serial key, a typed
 * geometry column) are published only once an admin registers them, with their own queryables,
 * reprojected to CRS84 by PostGIS; bad registrations are refused naming the field.
 */
@QuarkusTest
class ReferenceLayersTest {

    static final String LAYERS = "/api/v1/admin/layers";

    @Inject
    TestUsers users;
    @Inject
    Db db;

    private final List<String> tables = new ArrayList<>();
    private final List<String> layers = new ArrayList<>();

    @AfterEach
    void dropWhatTheTestMade() {
        layers.forEach(id -> given().header("Authorization", admin()).delete(LAYERS + "/" + id));
        tables.forEach(t -> db.update("DROP TABLE IF EXISTS layers." + t));
    }

    String admin() {
        return users.bearer("admin-layers", Roles.ADMIN);
    }

    /** A table of schools in EPSG:6372 (Mexico ITRF2008 / LCC), as ogr2ogr -t_srs EPSG:6372 leaves one. */
    String schools() {
        String t = table("escuelas");
        db.update("CREATE TABLE layers." + t + " (ogc_fid serial PRIMARY KEY, nombre varchar(80), nivel text, alumnos integer, "
                + "publica boolean, fundada date, superficie numeric(10,2), geom geometry(Point, 6372))");
        db.update("CREATE INDEX ON layers." + t + " USING gist (geom)");
        db.update("INSERT INTO layers." + t + " (nombre, nivel, alumnos, publica, fundada, superficie, geom) VALUES "
                + "('Escuela Primaria Benito Juárez', 'primaria', 320, true, '1965-09-01', 1250.5, ST_Transform(ST_SetSRID(ST_MakePoint(-110.9613, 29.0729), 4326), 6372)), "
                + "('Secundaria Técnica 6', 'secundaria', 540, true, '1982-08-20', 3400, ST_Transform(ST_SetSRID(ST_MakePoint(-110.9350, 29.0950), 4326), 6372)), "
                + "('Colegio Larrea', 'primaria', 120, false, '1990-01-15', NULL, ST_Transform(ST_SetSRID(ST_MakePoint(-110.9800, 29.1100), 4326), 6372))");
        return t;
    }

    String table(String prefix) {
        String t = prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
        tables.add(t);
        return t;
    }

    static String slug(String table) {
        return table.replace('_', '-');
    }

    Response register(String bearer, Map<String, Object> body) {
        var spec = given().contentType(ContentType.JSON).body(body);
        if (bearer != null) {
            spec.header("Authorization", bearer);
        }
        Response r = spec.post(LAYERS);
        if (r.statusCode() == 201) {
            layers.add(r.path("id"));
        }
        return r;
    }

    static Map<String, Object> body(String table, String audience) {
        Map<String, Object> body = new HashMap<>();
        body.put("table", table);
        body.put("title", "Escuelas de Hermosillo");
        body.put("description", "Escuelas de educación básica (SEP), capa del SIG");
        body.put("audience", audience);
        return body;
    }

    @Test
    void aTableIsPublishedOnlyOnceRegisteredWithItsQueryablesAndItemsReprojectedByPostgis() {
        String t = schools();
        String id = slug(t);
        given().get("/ogc/collections").then().statusCode(200).body("collections.id", not(hasItem(id)));
        given().get("/ogc/collections/" + id).then().statusCode(404);
        JsonPath listed = given().header("Authorization", admin()).get(LAYERS).then().statusCode(200).extract().jsonPath();
        Map<String, Object> row = listed.getMap("items.find { it.table == '" + t + "' }");
        assertThat(row).containsEntry("geometryColumn", "geom").containsEntry("geometryType", "Point").containsEntry("srid", 6372)
                .containsEntry("primaryKey", "ogc_fid").containsEntry("layer", null);
        assertThat((List<?>) row.get("problems")).isEmpty();

        Map<String, Object> body = body(t, "PUBLIC");
        body.put("timeColumn", "fundada");
        Response created = register(admin(), body);
        created.then().statusCode(201).header("Location", org.hamcrest.Matchers.endsWith("/ogc/collections/" + id))
                .body("id", equalTo(id)).body("srid", equalTo(6372)).body("idColumn", equalTo("ogc_fid"));

        given().get("/ogc/collections").then().statusCode(200).body("collections.id", hasItem(id));
        given().get("/ogc/collections/" + id + "/queryables").then().statusCode(200)
                .body("properties.nombre.type", equalTo("string")).body("properties.nivel.type", equalTo("string"))
                .body("properties.alumnos.type", equalTo("integer")).body("properties.publica.type", equalTo("boolean"))
                .body("properties", not(org.hamcrest.Matchers.hasKey("geom")))
                .body("properties", not(org.hamcrest.Matchers.hasKey("superficie")));

        // Doubles, not RestAssured's default floats: the API writes 7 decimals.
        JsonPath items = given().queryParam("limit", 10).get("/ogc/collections/" + id + "/items").then().statusCode(200)
                .extract().jsonPath().using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE));
        assertThat(items.getInt("numberMatched")).isEqualTo(3);
        List<Map<String, Object>> features = items.getList("features");
        for (Map<String, Object> f : features) {
            String fid = String.valueOf(f.get("id"));
            @SuppressWarnings("unchecked")
            List<Number> xy = (List<Number>) ((Map<String, Object>) f.get("geometry")).get("coordinates");
            double lon = ((Number) db.one("SELECT ST_X(ST_Transform(geom, 4326)) FROM layers." + t + " WHERE ogc_fid = ?",
                    Integer.parseInt(fid))).doubleValue();
            double lat = ((Number) db.one("SELECT ST_Y(ST_Transform(geom, 4326)) FROM layers." + t + " WHERE ogc_fid = ?",
                    Integer.parseInt(fid))).doubleValue();
            assertThat(xy.get(0).doubleValue()).isCloseTo(lon, within(1e-7));
            assertThat(xy.get(1).doubleValue()).isCloseTo(lat, within(1e-7));
            @SuppressWarnings("unchecked")
            Map<String, Object> props = (Map<String, Object>) f.get("properties");
            assertThat(props).containsKeys("nombre", "nivel", "alumnos", "publica", "fundada", "ogc_fid").doesNotContainKey("geom");
        }
        assertThat(features.stream().map(f -> String.valueOf(((Map<?, ?>) f.get("properties")).get("nombre"))).toList())
                .contains("Escuela Primaria Benito Juárez", "Colegio Larrea");

        given().queryParam("nivel", "primaria").get("/ogc/collections/" + id + "/items").then().statusCode(200)
                .body("numberMatched", equalTo(2));
        given().queryParam("alumnos", "540").get("/ogc/collections/" + id + "/items").then().statusCode(200)
                .body("numberMatched", equalTo(1)).body("features[0].properties.nombre", equalTo("Secundaria Técnica 6"));
        given().queryParam("publica", "false").get("/ogc/collections/" + id + "/items").then().statusCode(200)
                .body("numberMatched", equalTo(1));
        given().queryParam("datetime", "1980-01-01T00:00:00Z/..").get("/ogc/collections/" + id + "/items").then().statusCode(200)
                .body("numberMatched", equalTo(2));
        given().queryParam("bbox", "-110.97,29.06,-110.95,29.08").get("/ogc/collections/" + id + "/items").then().statusCode(200)
                .body("numberMatched", equalTo(1)).body("features[0].properties.nombre", equalTo("Escuela Primaria Benito Juárez"));
        given().queryParam("superficie", "3400").get("/ogc/collections/" + id + "/items").then().statusCode(400);

        // Pages follow the key: a limit of 2 gives a next link that brings the third.
        String next = given().queryParam("limit", 2).get("/ogc/collections/" + id + "/items").then().statusCode(200)
                .body("features", org.hamcrest.Matchers.hasSize(2)).extract().path("links.find { it.rel == 'next' }.href");
        given().get(next).then().statusCode(200).body("features", org.hamcrest.Matchers.hasSize(1));

        String first = String.valueOf(features.get(0).get("id"));
        given().get("/ogc/collections/" + id + "/items/" + first).then().statusCode(200).body("id", equalTo(first));
        given().get("/ogc/collections/" + id + "/items/no-es-numero").then().statusCode(404);

        assertThat(db.count("SELECT count(*) FROM audit_log WHERE entity_type = 'reference_layer' AND entity_id = ? AND action = 'layer.register'",
                id)).isEqualTo(1);
    }

    @Test
    void aStaffLayerAsks401OfAnonymousCallersAnd403OfInspectorsAndOpensToSupervisors() {
        String t = schools();
        String id = slug(t);
        register(admin(), body(t, "STAFF")).then().statusCode(201);
        given().get("/ogc/collections/" + id).then().statusCode(401);
        given().get("/ogc/collections").then().statusCode(200).body("collections.id", not(hasItem(id)));
        given().header("Authorization", users.bearer("inspector-layers", Roles.INSPECTOR)).get("/ogc/collections/" + id + "/items")
                .then().statusCode(403);
        String supervisor = users.bearer("supervisor-layers", Roles.SUPERVISOR);
        given().header("Authorization", supervisor).get("/ogc/collections").then().statusCode(200).body("collections.id", hasItem(id));
        given().header("Authorization", supervisor).get("/ogc/collections/" + id + "/items").then().statusCode(200)
                .body("numberMatched", equalTo(3));

        // Made public by a PATCH: anyone reads it at once.
        given().header("Authorization", admin()).contentType(ContentType.JSON).body(Map.of("audience", "PUBLIC", "title", "Escuelas"))
                .patch(LAYERS + "/" + id).then().statusCode(200).body("audience", equalTo("PUBLIC")).body("title", equalTo("Escuelas"));
        given().get("/ogc/collections/" + id).then().statusCode(200).body("title", equalTo("Escuelas"));
        assertThat(db.string("SELECT after::text FROM audit_log WHERE entity_id = ? AND action = 'layer.update'", id))
                .contains("PUBLIC").contains("Escuelas");
    }

    @Test
    void unregisteringRemovesTheCollectionAndKeepsTheTable() {
        String t = schools();
        String id = slug(t);
        register(admin(), body(t, "PUBLIC")).then().statusCode(201);
        given().get("/ogc/collections/" + id + "/items").then().statusCode(200);
        given().header("Authorization", admin()).delete(LAYERS + "/" + id).then().statusCode(204);
        layers.remove(id);
        given().get("/ogc/collections/" + id).then().statusCode(404);
        given().get("/ogc/collections").then().body("collections.id", not(hasItem(id)));
        assertThat(db.count("SELECT count(*) FROM layers." + t)).isEqualTo(3);
        assertThat(db.count("SELECT count(*) FROM audit_log WHERE entity_id = ? AND action = 'layer.unregister'", id)).isEqualTo(1);
        given().header("Authorization", admin()).delete(LAYERS + "/" + id).then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("LAYER_NOT_FOUND"));
        // Registered again under another id, it is back.
        Map<String, Object> again = body(t, "PUBLIC");
        again.put("id", "escuelas-de-nuevo-" + t.substring(t.length() - 8));
        register(admin(), again).then().statusCode(201);
        given().get("/ogc/collections/" + again.get("id") + "/items").then().statusCode(200).body("numberMatched", equalTo(3));
    }
}
