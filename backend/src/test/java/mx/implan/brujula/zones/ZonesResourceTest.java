package mx.implan.brujula.zones;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import mx.implan.brujula.demo.DemoReferenceData;
import mx.implan.brujula.model.geojson.GeoJson;
import mx.implan.brujula.testing.DemoZones;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.StreamSupport;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class ZonesResourceTest {

    /** An AGEB in the agebs.geojson bundle: POBTOT 2202, IM_2020 124.621888, GM_2020 "Muy bajo", AREA_KM2 0.37. */
    static final String KNOWN_AGEB = "2603000011869";

    @Inject
    DemoReferenceData demo;

    @BeforeEach
    void zonesLoaded() {
        demo.load(); // idempotent; a no-op after the first test
    }

    @Test
    @TestSecurity(user = "insp", roles = "inspector")
    void typeFilterReturnsOnlyAgebsAndAllOfThem() {
        given().queryParam("type", "AGEB").queryParam("limit", 1000)
                .when().get("/api/v1/zones")
                .then().statusCode(200)
                .body("items.size()", equalTo(DemoZones.agebs().size()))
                .body("items.type", everyItem(equalTo("AGEB")))
                .body("next", nullValue());
    }

    @Test
    @TestSecurity(user = "cit", roles = "citizen")
    void typeFilterIsCaseInsensitive() {
        given().queryParam("type", "municipality")
                .when().get("/api/v1/zones")
                .then().statusCode(200)
                .body("items.size()", equalTo(1))
                .body("items[0].id", equalTo("26030"))
                .body("items[0].name", equalTo("Hermosillo"))
                .body("items[0].population", equalTo(936263));
    }

    @Test
    @TestSecurity(user = "sup", roles = "supervisor")
    void pagesThroughAllAgebsInIdOrderWithoutGapsOrRepeats() {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().queryParam("type", "AGEB").queryParam("limit", 50);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response r = request.when().get("/api/v1/zones").then().statusCode(200).extract().response();
            List<String> ids = r.path("items.id");
            assertThat(ids).hasSizeLessThanOrEqualTo(50);
            seen.addAll(ids);
            cursor = r.path("next");
            pages++;
        } while (cursor != null && pages < 20);

        TreeSet<String> expected = new TreeSet<>();
        DemoZones.agebs().forEach(f -> expected.add(f.path("properties").path("CVEGEO").asText()));
        assertThat(pages).isEqualTo((expected.size() + 49) / 50);
        assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        assertThat(seen).isSorted();
    }

    @Test
    @TestSecurity(user = "sup", roles = "supervisor")
    void parentFilterReturnsTheChildrenOfAZone() {
        long localities = StreamSupport.stream(DemoZones.localities().spliterator(), false).count();
        given().queryParam("parent", "26030").queryParam("limit", 1000)
                .when().get("/api/v1/zones")
                .then().statusCode(200)
                .body("items.size()", equalTo((int) localities))
                .body("items.type", everyItem(equalTo("LOCALITY")))
                .body("items.parentId", everyItem(equalTo("26030")));

        given().queryParam("parent", "260300001").queryParam("limit", 1000)
                .when().get("/api/v1/zones")
                .then().statusCode(200)
                .body("items.size()", equalTo(DemoZones.agebs().size()))
                .body("items.parentId", everyItem(equalTo("260300001")));
    }

    @Test
    @TestSecurity(user = "sup", roles = "supervisor")
    void listItemsHaveNoGeometryUnlessAskedFor() {
        given().queryParam("type", "AGEB").queryParam("limit", 5)
                .when().get("/api/v1/zones")
                .then().statusCode(200)
                .body("items", everyItem(not(hasKey("geometry"))))
                .body("items", everyItem(not(hasKey("properties"))));

        given().queryParam("type", "AGEB").queryParam("limit", 5).queryParam("geometry", "true")
                .when().get("/api/v1/zones")
                .then().statusCode(200)
                .body("items.geometry.type", everyItem(equalTo("MultiPolygon")));
    }

    @Test
    @TestSecurity(user = "cit", roles = "citizen")
    void zoneByIdCarriesPopulationMarginalizationAreaAndGeometry() {
        JsonNode source = StreamSupport.stream(DemoZones.agebs().spliterator(), false)
                .filter(f -> f.path("properties").path("CVEGEO").asText().equals(KNOWN_AGEB))
                .findFirst().orElseThrow().path("properties");
        assertThat(source.path("POBTOT").asInt()).isEqualTo(2202);

        given().when().get("/api/v1/zones/" + KNOWN_AGEB)
                .then().statusCode(200)
                .body("id", equalTo(KNOWN_AGEB))
                .body("type", equalTo("AGEB"))
                .body("name", equalTo("AGEB 1869"))
                .body("parentId", equalTo("260300001"))
                .body("population", equalTo(2202))
                .body("areaKm2", equalTo(0.37f))
                .body("marginalization.degree", equalTo("Muy bajo"))
                .body("marginalization.degreeCode", equalTo(0))
                .body("marginalization.index", equalTo(124.621888f))
                .body("properties.CVE_AGEB", equalTo("1869"))
                .body("geometry.type", equalTo("MultiPolygon"))
                .body("geometry.coordinates[0][0][0].size()", equalTo(2));
    }

    @Test
    @TestSecurity(user = "cit", roles = "citizen")
    void localityHasNoMarginalization() {
        given().when().get("/api/v1/zones/260300001")
                .then().statusCode(200)
                .body("type", equalTo("LOCALITY"))
                .body("population", equalTo(855563))
                .body("marginalization", nullValue());
    }

    @Test
    @TestSecurity(user = "cit", roles = "citizen")
    void unknownZoneIsA404Problem() {
        given().when().get("/api/v1/zones/9999999999999")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("ZONE_NOT_FOUND"))
                .body("status", equalTo(404));
    }

    @Test
    @TestSecurity(user = "sup", roles = "supervisor")
    void bboxReturnsExactlyTheAgebsIntersectingTheBox() {
        double minLon = -110.975;
        double minLat = 29.065;
        double maxLon = -110.950;
        double maxLat = 29.085;
        // Expected from the source file with JTS, not from the database under test.
        Geometry box = GeoJson.factory().toGeometry(new Envelope(minLon, maxLon, minLat, maxLat));
        Set<String> expected = new TreeSet<>();
        for (JsonNode f : DemoZones.agebs()) {
            if (GeoJson.read(f.get("geometry")).intersects(box)) {
                expected.add(f.path("properties").path("CVEGEO").asText());
            }
        }
        assertThat(expected).hasSizeBetween(10, 200);

        List<String> ids = given().queryParam("type", "AGEB").queryParam("limit", 1000)
                .queryParam("bbox", minLon + "," + minLat + "," + maxLon + "," + maxLat)
                .when().get("/api/v1/zones")
                .then().statusCode(200).extract().path("items.id");
        assertThat(ids).containsExactlyInAnyOrderElementsOf(expected);
    }

    @ParameterizedTest(name = "{0}={1} → 400 naming {0}")
    @CsvSource(delimiter = '|', value = {
            "bbox|-110.9,29.1,-111.0,29.2|BBOX_INVERTED",
            "bbox|-110.9,29.1,-110.8,29.0|BBOX_INVERTED",
            "bbox|-111,95,-110,96|LAT_RANGE",
            "bbox|-190,29,-110,30|LON_RANGE",
            "bbox|a,b,c,d|BBOX_FORMAT",
            "bbox|-111,29,-110|BBOX_FORMAT",
            "limit|0|LIMIT_RANGE",
            "limit|5000|LIMIT_RANGE",
            "limit|ten|NOT_AN_INTEGER",
            "cursor|%%%garbage|INVALID_CURSOR",
            "type|COLONIA|UNKNOWN_ZONE_TYPE",
            "geometry|maybe|NOT_A_BOOLEAN",
    })
    @TestSecurity(user = "sup", roles = "supervisor")
    void badQueryParameterIsA400ProblemNamingIt(String parameter, String value, String code) {
        given().queryParam(parameter, value)
                .when().get("/api/v1/zones")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("INVALID_PARAMETER"))
                .body("errors[0].field", equalTo(parameter))
                .body("errors[0].code", equalTo(code));
    }

    @Test
    @TestSecurity(user = "sup", roles = "supervisor")
    void cursorOfAnotherListIsRefused() {
        String worksCursor = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("works:DEMO-001".getBytes(StandardCharsets.UTF_8));
        given().queryParam("cursor", worksCursor)
                .when().get("/api/v1/zones")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("cursor"));
    }

    @Test
    @TestSecurity(user = "sup", roles = "supervisor")
    void parameterErrorsFollowAcceptLanguage() {
        given().queryParam("limit", 0).header("Accept-Language", "en")
                .when().get("/api/v1/zones")
                .then().statusCode(400)
                .body("errors[0].message", equalTo("Must be between 1 and 1000"));
        given().queryParam("limit", 0)
                .when().get("/api/v1/zones")
                .then().statusCode(400)
                .body("errors[0].message", equalTo("Debe estar entre 1 y 1000"));
    }

    @Test
    void anonymousCallerIsRefusedWith401() {
        given().when().get("/api/v1/zones")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .body("code", equalTo("UNAUTHENTICATED"));
        given().when().get("/api/v1/zones/" + KNOWN_AGEB).then().statusCode(401);
    }

    @Test
    @TestSecurity(user = "sup", roles = "supervisor")
    void listAndDetailShareTheSameFields() {
        Map<String, Object> item = given().queryParam("type", "AGEB").queryParam("limit", 1)
                .when().get("/api/v1/zones").then().statusCode(200).extract().path("items[0]");
        Map<String, Object> detail = given().when().get("/api/v1/zones/" + item.get("id"))
                .then().statusCode(200).extract().path("");
        assertThat(detail.keySet()).containsAll(item.keySet());
        assertThat(detail).containsAllEntriesOf(item);
    }
}
