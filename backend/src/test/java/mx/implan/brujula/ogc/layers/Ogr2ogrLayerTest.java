package mx.implan.brujula.ogc.layers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import mx.implan.brujula.auth.Roles;
import mx.implan.brujula.testing.Db;
import mx.implan.brujula.testing.TestUsers;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * The demo's municipalities file loaded by ogr2ogr (Debian gdal-bin, installed by {@code ./brujula
 * test}) exactly as scripts/lib/layers.sh loads it, here reprojected to EPSG:6372 as a GIS team
 * working in Mexico's LCC would: the table is publishable as ogr2ogr leaves it, and the collection
 * has every municipality, its queryables and its geometry back in CRS84.
 */
@QuarkusTest
class Ogr2ogrLayerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path FILE = Path.of("..", "scripts", "demo-layers", "municipios_mx_simplificado.geojson");

    @Inject
    TestUsers users;
    @Inject
    Db db;
    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;
    @ConfigProperty(name = "quarkus.datasource.username")
    String user;
    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;

    @Test
    void ogr2ogrLoadsTheSharedMunicipalitiesIntoSchemaLayersReadyToRegister() throws Exception {
        assertThat(FILE).exists();
        String table = "municipios_" + UUID.randomUUID().toString().substring(0, 8);
        String id = table.replace('_', '-');
        String admin = users.bearer("admin-ogr2ogr", Roles.ADMIN);
        try {
            URI db = URI.create(jdbcUrl.substring("jdbc:".length()));
            String pg = "PG:host=" + db.getHost() + " port=" + (db.getPort() < 0 ? 5432 : db.getPort()) + " user=" + user
                    + " dbname=" + db.getPath().substring(1);
            run(List.of("ogr2ogr", "-f", "PostgreSQL", pg, FILE.toString(), "-nln", table, "-lco", "SCHEMA=layers",
                    "-lco", "GEOMETRY_NAME=geom", "-nlt", "MULTIPOLYGON", "-t_srs", "EPSG:6372", "-gt", "unlimited"));
            assertThat(this.db.count("SELECT count(*) FROM layers." + table)).isEqualTo(2474);

            given().header("Authorization", admin).contentType(ContentType.JSON)
                    .body(Map.of("table", table, "title", "Municipios de México (INEGI)", "audience", "PUBLIC"))
                    .post(ReferenceLayersTest.LAYERS).then().statusCode(201).body("srid", equalTo(6372))
                    .body("geometryType", equalTo("MultiPolygon")).body("idColumn", equalTo("ogc_fid"));
            given().get("/ogc/collections/" + id + "/queryables").then().statusCode(200)
                    .body("properties.cvegeo.type", equalTo("string")).body("properties.pobtot.type", equalTo("integer"));
            given().get("/ogc/collections/" + id + "/items?limit=1").then().statusCode(200).body("numberMatched", equalTo(2474));
            String page = given().get("/ogc/collections/" + id + "/items?cvegeo=26030").then().statusCode(200)
                    .body("numberMatched", equalTo(1)).body("features[0].properties.nomgeo", equalTo("Hermosillo"))
                    .extract().asString();
            // The geometry is PostGIS's own transform of the 6372 rows back to 4326, to the API's 7 decimals.
            JsonNode served = JSON.readTree(page).path("features").path(0).path("geometry");
            JsonNode expected = JSON.readTree(this.db.string("SELECT ST_AsGeoJSON(ST_Transform(geom, 4326), 7, 0) FROM layers."
                    + table + " WHERE cvegeo = '26030'"));
            assertThat(served.path("type").asText()).isEqualTo("MultiPolygon");
            assertThat(served).isEqualTo(expected);
            given().get("/ogc/collections/" + id + "/items?bbox=-111.0,29.0,-110.9,29.1").then().statusCode(200)
                    .body("features.properties.cvegeo", org.hamcrest.Matchers.hasItem("26030"));
        } finally {
            given().header("Authorization", admin).delete(ReferenceLayersTest.LAYERS + "/" + id);
            db.update("DROP TABLE IF EXISTS layers." + table);
        }
    }

    private void run(List<String> command) throws IOException, InterruptedException {
        Process p;
        try {
            ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
            password.ifPresent(pw -> builder.environment().put("PGPASSWORD", pw));
            p = builder.start();
        } catch (IOException e) {
            throw new AssertionError(command.get(0) + " is missing: install gdal-bin (./brujula test does)", e);
        }
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("%s finished", command.get(0)).isTrue();
        String text = new String(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("%s exit; it printed:%n%s", command.get(0), text).isZero();
    }
}
