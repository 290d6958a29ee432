package mx.implan.brujula.ogc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import mx.implan.brujula.auth.Roles;
import mx.implan.brujula.testing.Db;
import mx.implan.brujula.testing.Fieldwork;
import mx.implan.brujula.testing.Items;
import mx.implan.brujula.testing.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * OGC API – Features over real PostGIS: the documents a client reads first, items pages with their
 * links and counts, filters, CRSs, single features, HTML, and who sees what. Each test works in an
 * AGEB of its own (Fieldwork.area), so counts are exact whatever other tests stored.
 */
@QuarkusTest
class OgcFeaturesTest {

    @Inject
    Fieldwork fieldwork;
    @Inject
    TestUsers users;
    @Inject
    Db db;

    private Fieldwork.Area area;
    private String inspector;

    @BeforeEach
    void area() {
        area = fieldwork.area();
        inspector = users.bearer("ogc-inspector", Roles.INSPECTOR);
    }

    @AfterEach
    void removeArea() {
        fieldwork.removeAreas();
    }

    private String bbox() {
        return area.x() + "," + area.y() + "," + (area.x() + 0.01) + "," + (area.y() + 0.01);
    }

    /** {@code n} risks in the area, severities 1..5 in turn, captured one hour apart ending now. */
    private List<UUID> risks(int n) {
        List<ObjectNode> items = new ArrayList<>();
        List<UUID> ids = new ArrayList<>();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(-7)).withNano(0);
        for (int i = 0; i < n; i++) {
            UUID id = UUID.randomUUID();
            ObjectNode item = Items.risk(id, area.x() + 0.0003 * (i + 1), area.y() + 0.0002 * (i + 1));
            ((ObjectNode) item.get("attributes")).put("severity", 1 + i % 5);
            item.put("capturedAt", now.minusHours(n - i).toString());
            item.put("notes", "<script>nota</script> de campo");
            items.add(item);
            ids.add(id);
        }
        for (int from = 0; from < n; from += 50) {
            fieldwork.push(inspector, items.subList(from, Math.min(n, from + 50)).toArray(ObjectNode[]::new));
        }
        return ids;
    }

    private static JsonNode json(Response r) {
        try {
            return Items.JSON.readTree(r.asString());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theLandingPageLinksTheServiceDescriptionConformanceAndCollections() {
        given().get("/ogc").then().statusCode(200)
                .body("links.find { it.rel == 'service-desc' }.type", equalTo("application/vnd.oai.openapi+json;version=3.0"))
                .body("links.find { it.rel == 'conformance' }.href", containsString("/ogc/conformance"))
                .body("links.find { it.rel == 'data' }.href", containsString("/ogc/collections"));
        given().get("/ogc/conformance").then().statusCode(200)
                .body("conformsTo", hasItem("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core"))
                .body("conformsTo", hasItem("http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs"));
        Response api = given().get("/ogc/api");
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(api.contentType()).startsWith("application/vnd.oai.openapi+json");
        assertThat(api.jsonPath().getString("openapi")).startsWith("3.0");
        assertThat(api.jsonPath().getMap("paths")).containsKey("/collections/risks/items");
        given().accept("text/html").get("/ogc").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("Brújula"));
    }

    @Test
    void anonymousCallersSeeThePublicCollectionsAndSupervisorsAlsoTheStaffOne() {
        List<String> anonymous = given().get("/ogc/collections").then().statusCode(200).extract().path("collections.id");
        assertThat(anonymous).contains("risks", "urban-image", "green-areas", "works-progress", "works", "zones", "indicator-values")
                .doesNotContain("observations");
        List<String> staff = given().header("Authorization", fieldwork.supervisor()).get("/ogc/collections")
                .then().statusCode(200).extract().path("collections.id");
        assertThat(staff).contains("observations", "risks");
        given().get("/ogc/collections/observations/items").then().statusCode(401);
        given().header("Authorization", inspector).get("/ogc/collections/observations/items").then().statusCode(403);
        given().get("/ogc/collections/nada").then().statusCode(404).body("code", equalTo("COLLECTION_NOT_FOUND"));
    }

    @Test
    void pagesFollowNextAndPrevLinksAndAgreeWithNumberMatched() {
        Set<UUID> stored = new HashSet<>(risks(23));
        Response first = given().get("/ogc/collections/risks/items?limit=10&bbox=" + bbox());
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.contentType()).startsWith("application/geo+json");
        assertThat(first.header("Content-Crs")).isEqualTo("<http://www.opengis.net/def/crs/OGC/1.3/CRS84>");
        assertThat(first.jsonPath().getInt("numberMatched")).isEqualTo(23);
        assertThat(first.jsonPath().getInt("numberReturned")).isEqualTo(10);
        assertThat(first.jsonPath().getString("timeStamp")).isNotBlank();
        assertThat(first.jsonPath().getList("links.findAll { it.rel == 'prev' }")).isEmpty();

        List<String> seen = new ArrayList<>();
        List<List<String>> pages = new ArrayList<>();
        Response page = first;
        while (true) {
            List<String> ids = page.jsonPath().getList("features.id");
            pages.add(ids);
            seen.addAll(ids);
            assertThat(page.jsonPath().getInt("numberReturned")).isEqualTo(ids.size());
            String next = page.jsonPath().getString("links.find { it.rel == 'next' }.href");
            if (next == null) {
                break;
            }
            page = given().urlEncodingEnabled(false).get(next);
            assertThat(page.statusCode()).isEqualTo(200);
        }
        assertThat(pages).extracting(List::size).containsExactly(10, 10, 3);
        assertThat(seen).doesNotHaveDuplicates().hasSize(23);
        assertThat(seen.stream().map(UUID::fromString).toList()).containsExactlyInAnyOrderElementsOf(stored);
        // pages come in capture order
        List<String> times = new ArrayList<>();
        String again = first.jsonPath().getString("links.find { it.rel == 'next' }.href");
        Response second = given().urlEncodingEnabled(false).get(again);
        String prev = second.jsonPath().getString("links.find { it.rel == 'prev' }.href");
        assertThat(prev).isNotNull();
        Response back = given().urlEncodingEnabled(false).get(prev);
        assertThat(back.jsonPath().getList("features.id")).isEqualTo(pages.get(0));
        assertThat(back.jsonPath().getList("links.findAll { it.rel == 'prev' }")).isEmpty();
        first.jsonPath().getList("features.properties.capturedAt", String.class).forEach(times::add);
        assertThat(times).isSorted();
    }

    @Test
    void publicPropertiesCarryNoNotesAuthorDeviceNorAccuracy() {
        UUID id = risks(1).get(0);
        JsonNode feature = Items.JSON.valueToTree(given().get("/ogc/collections/risks/items/" + id).then().statusCode(200)
                .contentType(containsString("application/geo+json")).extract().as(Object.class));
        JsonNode p = feature.get("properties");
        assertThat(p.get("hazard").asText()).isEqualTo("HUNDIMIENTO");
        assertThat(p.get("status").asText()).isEqualTo("REPORTED");
        assertThat(p.has("notes") || p.has("author") || p.has("deviceId") || p.has("accuracyM")).isFalse();
        assertThat(feature.toString()).doesNotContain("ogc-inspector").doesNotContain("tab-017").doesNotContain("nota");
        assertThat(p.get("photos").isArray()).isTrue();
        JsonNode staff = Items.JSON.valueToTree(given().header("Authorization", fieldwork.supervisor())
                .get("/ogc/collections/observations/items/" + id).then().statusCode(200).extract().as(Object.class));
        assertThat(staff.get("properties").get("notes").asText()).contains("<script>");
        assertThat(staff.get("properties").get("author").asText()).isEqualTo("ogc-inspector");
        String html = given().header("Authorization", fieldwork.supervisor())
                .get("/ogc/collections/observations/items/" + id + "?f=html").then().statusCode(200)
                .contentType(containsString("text/html")).extract().asString();
        assertThat(html).contains("&lt;script&gt;nota&lt;/script&gt;").doesNotContain("<script>");
    }

    @Test
    void filtersOnQueryablesAndTimeSelectExactlyTheMatchingFeatures() {
        risks(10);
        String items = "/ogc/collections/risks/items?limit=100&bbox=" + bbox();
        given().get(items + "&severity=5").then().statusCode(200).body("numberMatched", equalTo(2))
                .body("features.properties.severity", not(hasItem(4)));
        given().get(items + "&hazard=HUNDIMIENTO&status=REPORTED").then().statusCode(200).body("numberMatched", equalTo(10));
        given().get(items + "&hazard=INUNDACION").then().statusCode(200).body("numberMatched", equalTo(0))
                .body("numberReturned", equalTo(0));
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).withNano(0);
        // captured 10, 9, ..., 1 hours ago: the last 3 hours hold 3 of them
        given().get(items + "&datetime=" + now.minusHours(3).minusMinutes(5) + "/..").then().statusCode(200)
                .body("numberMatched", equalTo(3));
        given().get(items + "&datetime=../" + now.minusHours(3).minusMinutes(5)).then().statusCode(200)
                .body("numberMatched", equalTo(7));
        given().get(items + "&datetime=" + now.minusHours(6).minusMinutes(5) + "/" + now.minusHours(3).minusMinutes(5))
                .then().statusCode(200).body("numberMatched", equalTo(3));
        given().get(items + "&zone=" + area.zoneId()).then().statusCode(200).body("numberMatched", equalTo(10));
        given().get("/ogc/collections/risks/items?zone=" + area.zoneId()).then().statusCode(200).body("numberMatched", equalTo(10));
    }

    @Test
    void badParametersAre400NamingTheParameter() {
        String[][] cases = {
                {"limit=0", "limit"}, {"limit=10001", "limit"}, {"limit=diez", "limit"},
                {"bbox=1,2,3", "bbox"}, {"bbox=-110,29,-111,30", "bbox"}, {"bbox=0x1p3,1,2,3", "bbox"}, {"bbox=-200,29,-110,30", "bbox"},
                {"datetime=ayer", "datetime"}, {"datetime=2024-13-01", "datetime"}, {"datetime=2025-01-01/2024-01-01", "datetime"},
                {"datetime=../..%2F..", "datetime"}, {"crs=EPSG:9999", "crs"}, {"bbox-crs=EPSG:3857", "bbox-crs"},
                {"severity=alta", "severity"}, {"hazard=METEORITO", "hazard"}, {"zone=NO-EXISTE", "zone"},
                {"colour=red", "colour"}, {"cursor=abc", "cursor"}, {"f=xml", "f"}, {"limit=5&limit=6", "limit"}};
        for (String[] c : cases) {
            given().urlEncodingEnabled(false).get("/ogc/collections/risks/items?" + c[0]).then()
                    .statusCode(400).contentType(containsString("application/problem+json"))
                    .body("errors[0].field", equalTo(c[1]));
        }
        given().get("/ogc/collections/zones/items?datetime=2024-01-01").then().statusCode(400).body("errors[0].field", equalTo("datetime"));
        given().get("/ogc/collections?limit=3").then().statusCode(400).body("errors[0].field", equalTo("limit"));
        given().get("/ogc/collections/risks/items/not-a-uuid").then().statusCode(404).body("code", equalTo("FEATURE_NOT_FOUND"));
        given().get("/ogc/collections/risks/items/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void everyListedCrsGivesPostgisTransformOfTheStoredPointWithItsAxisOrder() {
        UUID id = risks(1).get(0);
        for (Crs crs : Crs.SUPPORTED) {
            Response r = given().get("/ogc/collections/risks/items/" + id + "?crs=" + crs.uri());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.header("Content-Crs")).isEqualTo("<" + crs.uri() + ">");
            JsonNode coordinates = json(r).get("geometry").get("coordinates");
            List<JsonNode> got = new ArrayList<>();
            coordinates.forEach(got::add);
            double[] got2 = {coordinates.get(0).asDouble(), coordinates.get(1).asDouble()};
            String sql = "SELECT ST_X(g), ST_Y(g) FROM (SELECT ST_Transform(geom, " + crs.srid() + ") g FROM observation WHERE id = ?) t";
            double x = ((Number) db.column("SELECT ST_X(ST_Transform(geom, " + crs.srid() + ")) FROM observation WHERE id = ?", id).get(0)).doubleValue();
            double y = ((Number) db.column("SELECT ST_Y(ST_Transform(geom, " + crs.srid() + ")) FROM observation WHERE id = ?", id).get(0)).doubleValue();
            double tolerance = crs.srid() == 4326 ? 1e-6 : 1e-2;
            double[] expected = crs.latFirst() ? new double[]{y, x} : new double[]{x, y};
            assertThat(got).hasSize(2);
            assertThat(got2[0]).as("%s first axis (%s)", crs.curie(), sql).isCloseTo(expected[0], org.assertj.core.data.Offset.offset(tolerance));
            assertThat(got2[1]).as("%s second axis", crs.curie()).isCloseTo(expected[1], org.assertj.core.data.Offset.offset(tolerance));
            // the same box given in this CRS selects the same feature
            String box = db.string("SELECT concat_ws(',', ST_XMin(b), ST_YMin(b), ST_XMax(b), ST_YMax(b)) FROM (SELECT ST_Transform(ST_MakeEnvelope(?, ?, ?, ?, 4326), "
                    + crs.srid() + ")::box2d b) t", area.x(), area.y(), area.x() + 0.01, area.y() + 0.01);
            if (crs.latFirst()) {
                String[] v = box.split(",");
                box = v[1] + "," + v[0] + "," + v[3] + "," + v[2];
            }
            given().get("/ogc/collections/risks/items?bbox-crs=" + crs.uri() + "&bbox=" + box + "&crs=" + crs.uri())
                    .then().statusCode(200).body("numberMatched", equalTo(1)).body("features[0].id", equalTo(id.toString()));
        }
    }

    @Test
    void zonesAndIndicatorValuesCountWhatTheTablesHold() {
        long agebs = db.count("SELECT count(*) FROM zone WHERE zone_type = 'AGEB'");
        given().get("/ogc/collections/zones/items?type=AGEB&limit=1").then().statusCode(200)
                .body("numberMatched", equalTo((int) agebs));
        long latest = db.count("SELECT count(*) FROM indicator_value_latest");
        given().get("/ogc/collections/indicator-values/items?limit=1").then().statusCode(200)
                .body("numberMatched", equalTo((int) latest));
        given().get("/ogc/collections/zones/items/" + area.zoneId()).then().statusCode(200)
                .body("properties.type", equalTo("AGEB")).body("geometry.type", equalTo("MultiPolygon"));
        given().get("/ogc/collections/zones").then().statusCode(200)
                .body("extent.spatial.bbox[0].size()", equalTo(4))
                .body("storageCrs", equalTo("http://www.opengis.net/def/crs/OGC/1.3/CRS84"))
                .body("links.find { it.rel == 'items' && it.type == 'application/geo+json' }.href", containsString("/ogc/collections/zones/items"));
        given().get("/ogc/collections/risks/queryables").then().statusCode(200)
                .body("properties.hazard.enum", hasItem("INUNDACION")).body("properties.severity.type", equalTo("integer"));
    }
}
