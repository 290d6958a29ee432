package mx.implan.brujula.ogc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import mx.implan.brujula.auth.Roles;
import mx.implan.brujula.ogc.tiles.TileAddress;
import mx.implan.brujula.testing.Db;
import mx.implan.brujula.testing.Items;
import mx.implan.brujula.testing.Mvt;
import mx.implan.brujula.testing.TestUsers;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/** Vector tiles of the OGC API collections: content, clusters, HTTP caching, validation, access and cache invalidation. */
@QuarkusTest
class VectorTilesTest {

    private static final String MVT = "application/vnd.mapbox-vector-tile";

    @Inject
    TestUsers users;
    @Inject
    Db db;

    private String inspector() {
        return users.bearer("insp-tiles", Roles.INSPECTOR);
    }

    private String supervisor() {
        return users.bearer("sup-tiles", Roles.SUPERVISOR);
    }

    /** A spot of its own in the empty north-east of Sonora, away from the demo data and other tests. */
    private static double[] spot() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return new double[]{-109.4 + r.nextDouble() * 1.8, 30.5 + r.nextDouble() * 0.4};
    }

    private static String path(String collection, TileAddress t) {
        return "/ogc/collections/" + collection + "/tiles/WebMercatorQuad/" + t.z() + "/" + t.y() + "/" + t.x();
    }

    private static Map<String, Mvt.Layer> layers(Response r) {
        return Mvt.decode(r.asByteArray());
    }

    private static List<Mvt.Feature> features(String collection, TileAddress t) {
        Response r = given().get(path(collection, t));
        if (r.statusCode() == 204) {
            return List.of();
        }
        assertThat(r.statusCode()).isEqualTo(200);
        return layers(r).get(collection).features();
    }

    private String push(ObjectNode item) {
        given().header("Authorization", inspector()).contentType(ContentType.JSON).body(Items.batch(item))
                .post("/api/v1/sync/push").then().statusCode(200).body("results[0].status", equalTo("CREATED"));
        return item.get("id").asText();
    }

    @Test
    void aTileCarriesEachFeatureWithItsIdAndOnlyTheCollectionsSimpleProperties() {
        double[] p = spot();
        String id = push(Items.risk(UUID.randomUUID(), p[0], p[1]));
        TileAddress t = TileAddress.containing(p[0], p[1], 17);
        await().atMost(Duration.ofSeconds(20)).until(() -> features("risks", t).stream().anyMatch(f -> id.equals(f.attributes().get("id"))));

        Response r = given().header("Accept-Encoding", "gzip").get(path("risks", t));
        r.then().statusCode(200).contentType(MVT).header("Content-Encoding", "gzip").header("Cache-Control", "public, max-age=60")
                .header("ETag", startsWith("\""));
        Mvt.Layer layer = layers(r).get("risks");
        Mvt.Feature f = layer.features().stream().filter(x -> id.equals(x.attributes().get("id"))).findFirst().orElseThrow();
        assertThat(f.type()).isEqualTo(1);
        assertThat(f.attributes()).containsEntry("kind", "RISK").containsEntry("status", "REPORTED")
                .containsEntry("hazard", "HUNDIMIENTO").containsEntry("severity", 4L).containsEntry("peopleExposed", 30L)
                .containsKeys("capturedAt", "updatedAt")
                .doesNotContainKeys("photos", "notes", "author", "deviceId", "accuracyM", "zone");
        // The point is where it was captured: its tile pixel is the one the tile's arithmetic gives.
        double n = Math.pow(2, 17);
        double px = ((p[0] + 180) / 360 * n - t.x()) * layer.extent();
        assertThat((double) f.x()).isCloseTo(px, org.assertj.core.data.Offset.offset(1.0));
    }

    @Test
    void atLowZoomPointsArriveAsClustersWhoseCountsAddUpToTheTilesPoints() {
        double[] p = spot();
        for (int i = 0; i < 30; i++) {
            ObjectNode risk = Items.risk(UUID.randomUUID(), p[0] + i * 0.0007, p[1] + (i % 5) * 0.0009);
            ((ObjectNode) risk.get("attributes")).put("severity", 1 + i % 5);
            push(risk);
        }
        TileAddress t = TileAddress.containing(p[0], p[1], 9);
        String inTile = "SELECT count(*) FROM observation WHERE kind = 'RISK' AND geom && ST_Transform(ST_TileEnvelope(?, ?, ?), 4326)";
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<Mvt.Feature> clusters = features("risks", t);
            long expected = db.count(inTile, t.z(), t.x(), t.y());
            assertThat(clusters).allSatisfy(c -> assertThat(c.attributes()).containsEntry("cluster", true));
            assertThat(clusters.stream().mapToLong(c -> (Long) c.attributes().get("count")).sum()).isEqualTo(expected);
            long bySeverity = clusters.stream().flatMap(c -> c.attributes().entrySet().stream())
                    .filter(e -> e.getKey().startsWith("severity_")).mapToLong(e -> (Long) e.getValue()).sum();
            assertThat(bySeverity).isEqualTo(expected);
            assertThat(expected).isGreaterThanOrEqualTo(30);
        });
    }

    @Test
    void aTileWithoutFeaturesIs204() {
        TileAddress ocean = TileAddress.containing(-150.0, -40.0, 12);
        given().get(path("risks", ocean)).then().statusCode(204);
        given().get(path("zones", ocean)).then().statusCode(204);
    }

    @Test
    void aRequestNamingTheTilesETagIs304() {
        double[] p = spot();
        push(Items.risk(UUID.randomUUID(), p[0], p[1]));
        TileAddress t = TileAddress.containing(p[0], p[1], 16);
        await().atMost(Duration.ofSeconds(20)).until(() -> !features("risks", t).isEmpty());
        String etag = given().get(path("risks", t)).then().statusCode(200).extract().header("ETag");
        given().header("If-None-Match", etag).get(path("risks", t)).then().statusCode(304).header("ETag", etag);
        given().header("If-None-Match", "\"another\"").get(path("risks", t)).then().statusCode(200);
    }

    @Test
    void badTileIndexesAre400NamingTheField() {
        String base = "/ogc/collections/risks/tiles/WebMercatorQuad/";
        Map<String, String> cases = Map.of(
                "23/0/0", "z", "abc/0/0", "z", "3/0/8", "x", "3/8/0", "y", "3/0/-1", "x", "3/1.5/0", "y", "3/0/1e1", "x", " 3/0/0", "z");
        cases.forEach((tile, field) -> given().get(base + tile).then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo(field)));
        given().get(base + "22/4194303/4194303").then().statusCode(204);
        given().queryParam("f", "json").get(base + "0/0/0").then().statusCode(400).body("errors[0].field", equalTo("f"));
    }

    @Test
    void theStaffCollectionsTilesAreForSupervisorsOnly() {
        String tile = "/ogc/collections/observations/tiles/WebMercatorQuad/0/0/0";
        given().get(tile).then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", inspector()).get(tile).then().statusCode(403);
        given().header("Authorization", supervisor()).get(tile).then().statusCode(200).contentType(MVT).header("Cache-Control", "private, no-cache");
        given().get("/ogc/collections/observations/tiles/WebMercatorQuad").then().statusCode(401);
        given().get("/ogc/collections/no-such/tiles/WebMercatorQuad/0/0/0").then().statusCode(404);
    }

    @Test
    void theTileJsonGivesTheTemplateTheZoomsAndTheLayersFieldsAndTheCollectionLinksIt() {
        given().get("/ogc/collections/risks/tiles/WebMercatorQuad").then().statusCode(200)
                .body("tilejson", equalTo("3.0.0"))
                .body("tiles[0]", org.hamcrest.Matchers.endsWith("/ogc/collections/risks/tiles/WebMercatorQuad/{z}/{y}/{x}"))
                .body("minzoom", equalTo(0)).body("maxzoom", equalTo(20)).body("bounds.size()", equalTo(4))
                .body("vector_layers[0].id", equalTo("risks"))
                .body("vector_layers[0].fields.id", equalTo("String"))
                .body("vector_layers[0].fields.severity", equalTo("Number"))
                .body("vector_layers[0].fields.hazard", equalTo("String"))
                .body("vector_layers[0].fields.count", equalTo("Number"))
                .body("vector_layers[0].fields", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("photos")));
        given().get("/ogc/collections/risks").then().statusCode(200)
                .body("links.rel", hasItem("http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector"));
    }

    @Test
    void anObservationCreatedInACachedTileShowsInItOnceItsEventIsProcessed() {
        double[] p = spot();
        TileAddress t = TileAddress.containing(p[0], p[1], 16);
        TileAddress low = TileAddress.containing(p[0], p[1], 11);
        List<Mvt.Feature> before = features("risks", t);
        long lowBefore = features("risks", low).stream().mapToLong(c -> (Long) c.attributes().get("count")).sum();
        UUID id = UUID.randomUUID();
        given().header("Authorization", inspector()).contentType(ContentType.JSON).body(Items.risk(id, p[0], p[1]).toString())
                .post("/api/v1/observations").then().statusCode(201);
        await().atMost(Duration.ofSeconds(20)).until(() -> features("risks", t).stream()
                .anyMatch(f -> id.toString().equals(f.attributes().get("id"))));
        assertThat(features("risks", t)).hasSize(before.size() + 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> features("risks", low).stream()
                .mapToLong(c -> (Long) c.attributes().get("count")).sum() > lowBefore);
    }

    @Test
    void aMovedObservationLeavesItsOldTile() {
        double[] p = spot();
        ObjectNode risk = Items.risk(UUID.randomUUID(), p[0], p[1]);
        String id = push(risk);
        TileAddress old = TileAddress.containing(p[0], p[1], 16);
        await().atMost(Duration.ofSeconds(20)).until(() -> features("risks", old).stream().anyMatch(f -> id.equals(f.attributes().get("id"))));
        ObjectNode moved = Items.edit(risk, 1);
        moved.set("geometry", Items.point(p[0] + 0.05, p[1] + 0.05));
        given().header("Authorization", inspector()).contentType(ContentType.JSON).body(Items.batch(moved))
                .post("/api/v1/sync/push").then().statusCode(200);
        TileAddress now = TileAddress.containing(p[0] + 0.05, p[1] + 0.05, 16);
        await().atMost(Duration.ofSeconds(20)).until(() -> features("risks", old).stream().noneMatch(f -> id.equals(f.attributes().get("id")))
                && features("risks", now).stream().anyMatch(f -> id.equals(f.attributes().get("id"))));
    }
}
