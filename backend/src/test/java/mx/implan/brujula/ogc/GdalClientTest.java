package mx.implan.brujula.ogc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import mx.implan.brujula.auth.Roles;
import mx.implan.brujula.testing.Fieldwork;
import mx.implan.brujula.testing.Items;
import mx.implan.brujula.testing.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OGC API read by a client no one here wrote: GDAL's OAPIF driver (Debian gdal-bin, installed
 * by {@code ./brujula test}). {@code ogrinfo} must list every public collection with the count the
 * API reports, and {@code ogr2ogr} must copy each into a GeoPackage with that many features, its
 * geometry type and WGS 84.
 */
@QuarkusTest
class GdalClientTest {

    private static final Pattern LAYER = Pattern.compile("(?m)^Layer name: (\\S+)$");
    private static final Pattern COUNT = Pattern.compile("(?m)^Feature Count: (\\d+)$");
    private static final Pattern GEOMETRY = Pattern.compile("(?m)^Geometry: (.+)$");

    @Inject
    Fieldwork fieldwork;
    @Inject
    TestUsers users;

    @AfterEach
    void removeArea() {
        fieldwork.removeAreas();
    }

    private String service() {
        return "OAPIF:" + RestAssured.baseURI + ":" + RestAssured.port + "/ogc";
    }

    @Test
    void ogrinfoListsEveryPublicCollectionWithTheCountTheApiReports() throws Exception {
        data();
        String out = run(List.of("ogrinfo", "-ro", "-al", "-so", service()));
        Map<String, Long> counts = new LinkedHashMap<>();
        Matcher layer = LAYER.matcher(out);
        while (layer.find()) {
            Matcher count = COUNT.matcher(out);
            assertThat(count.find(layer.end())).as("feature count of %s in%n%s", layer.group(1), out).isTrue();
            counts.put(layer.group(1), Long.parseLong(count.group(1)));
        }
        List<String> expected = given().get("/ogc/collections").then().statusCode(200).extract().path("collections.id");
        assertThat(counts.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        for (String id : expected) {
            long matched = ((Number) given().get("/ogc/collections/" + id + "/items?limit=1").then().statusCode(200)
                    .extract().path("numberMatched")).longValue();
            assertThat(counts.get(id)).as("count of %s", id).isEqualTo(matched);
        }
        assertThat(counts.get("risks")).isPositive();
    }

    @Test
    void ogr2ogrCopiesEachCollectionIntoAGeoPackageWithItsCountGeometryTypeAndCrs() throws Exception {
        data();
        Path dir = Files.createTempDirectory("brujula-gdal");
        try {
            for (String id : List.of("risks", "green-areas", "works", "zones", "urban-image", "works-progress", "indicator-values")) {
                long matched = ((Number) given().get("/ogc/collections/" + id + "/items?limit=1").then().statusCode(200)
                        .extract().path("numberMatched")).longValue();
                Path gpkg = dir.resolve(id + ".gpkg");
                run(List.of("ogr2ogr", "-f", "GPKG", gpkg.toString(), service(), id));
                String info = run(List.of("ogrinfo", "-ro", "-so", gpkg.toString(), id));
                Matcher count = COUNT.matcher(info);
                assertThat(count.find()).as(info).isTrue();
                assertThat(Long.parseLong(count.group(1))).as("features of %s copied", id).isEqualTo(matched);
                if (matched > 0) {
                    Matcher geometry = GEOMETRY.matcher(info);
                    assertThat(geometry.find()).as(info).isTrue();
                    assertThat(geometry.group(1)).as("geometry type of %s", id).isEqualTo(expectedGeometry(id, matched));
                    assertThat(info).as("CRS of %s", id).contains("WGS 84").contains("ID[\"EPSG\",4326]");
                }
            }
        } finally {
            try (var files = Files.list(dir)) {
                files.forEach(f -> f.toFile().delete());
            }
            Files.deleteIfExists(dir);
        }
    }

    /** GDAL's name of the collection's one geometry type as the API serves it, or "Unknown (any)" when mixed. */
    private static String expectedGeometry(String id, long matched) {
        List<String> types = given().get("/ogc/collections/" + id + "/items?limit=" + Math.min(10_000, matched))
                .then().statusCode(200).extract().path("features.geometry.type");
        List<String> distinct = types.stream().filter(java.util.Objects::nonNull).distinct().toList();
        if (distinct.size() != 1) {
            return "Unknown (any)";
        }
        return switch (distinct.get(0)) {
            case "Point" -> "Point";
            case "LineString" -> "Line String";
            case "Polygon" -> "Polygon";
            case "MultiPolygon" -> "Multi Polygon";
            case "MultiPoint" -> "Multi Point";
            case "MultiLineString" -> "Multi Line String";
            default -> "Unknown (any)";
        };
    }

    /** Risks, urban-image reports and green areas in a zone of their own, and a work. */
    private void data() {
        Fieldwork.Area area = fieldwork.area();
        String inspector = users.bearer("gdal-inspector", Roles.INSPECTOR);
        List<ObjectNode> items = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            items.add(Items.risk(UUID.randomUUID(), area.x() + 0.0005 * (i + 1), area.y() + 0.0004 * (i + 1)));
            items.add(Items.urbanImage(UUID.randomUUID(), area.x() + 0.0004 * (i + 1), area.y() + 0.0005 * (i + 1), "BACHE"));
        }
        double x = area.x() + 0.002;
        double y = area.y() + 0.002;
        items.add(Items.greenArea(UUID.randomUUID(), new double[][]{{x, y}, {x + 0.001, y}, {x + 0.001, y + 0.001}, {x, y + 0.001}, {x, y}}));
        fieldwork.push(inspector, items.toArray(ObjectNode[]::new));
        fieldwork.work(area, "FORTAMUN");
    }

    /** Runs a GDAL tool; its output, or a failure with what it printed. */
    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError(command.get(0) + " is missing: install gdal-bin (./brujula test does)", e);
        }
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
        String text = new String(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("%s exit; it printed:%n%s", command, text).isZero();
        return text;
    }
}
