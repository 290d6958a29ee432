package mx.implan.brujula.ogc;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import mx.implan.brujula.auth.Roles;
import mx.implan.brujula.auth.UserService;
import mx.implan.brujula.testing.Fieldwork;
import mx.implan.brujula.testing.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The field app's offline map: an inspector's zones, their works and the boundary; versioned by content. */
@QuarkusTest
class MapPackageTest {

    @Inject
    Fieldwork fieldwork;
    @Inject
    TestUsers users;
    @Inject
    UserService userService;

    @AfterEach
    void removeAreas() {
        fieldwork.removeAreas();
    }

    @Test
    void anInspectorGetsTheirZonesWithLabelsTheirWorksAndANewVersionWhenAssignmentsChange() {
        Fieldwork.Area area = fieldwork.area();
        String work = fieldwork.work(area, "FORTAMUN");
        String username = "map-inspector-" + System.nanoTime();
        String bearer = fieldwork.inspectorIn(area, username);

        Response first = given().header("Authorization", bearer).get("/api/v1/me/map-package");
        assertThat(first.statusCode()).isEqualTo(200);
        String version = first.jsonPath().getString("version");
        assertThat(first.header("ETag")).isEqualTo("\"" + version + "\"");
        assertThat(first.jsonPath().getList("zones.features.id", String.class)).containsExactly(area.zoneId());
        assertThat(first.jsonPath().getString("zones.features[0].properties.type")).isEqualTo("AGEB");
        List<Float> label = first.jsonPath().getList("zones.features[0].properties.label", Float.class);
        assertThat(label.get(0)).isBetween((float) area.x(), (float) (area.x() + 0.01));
        assertThat(label.get(1)).isBetween((float) area.y(), (float) (area.y() + 0.01));
        assertThat(first.jsonPath().getList("works.features.id", String.class)).containsExactly(work);
        assertThat(first.jsonPath().getString("zones.features[0].geometry.type")).isIn("Polygon", "MultiPolygon");

        given().header("Authorization", bearer).header("If-None-Match", "\"" + version + "\"").get("/api/v1/me/map-package")
                .then().statusCode(304);

        Fieldwork.Area second = fieldwork.area();
        String id = userService.findByUsername(username).orElseThrow().id.toString();
        given().header("Authorization", fieldwork.admin()).contentType("application/json")
                .body(Map.of("zones", List.of(area.zoneId(), second.zoneId()))).put("/api/v1/admin/users/" + id + "/zones")
                .then().statusCode(200);
        Response after = given().header("Authorization", bearer).header("If-None-Match", "\"" + version + "\"")
                .get("/api/v1/me/map-package");
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.jsonPath().getString("version")).isNotEqualTo(version);
        assertThat(after.jsonPath().getList("zones.features.id", String.class)).containsExactlyInAnyOrder(area.zoneId(), second.zoneId());
    }

    @Test
    void supervisorsGetEveryLocalityAndCitizensNone() {
        Response staff = given().header("Authorization", fieldwork.supervisor()).get("/api/v1/me/map-package");
        assertThat(staff.statusCode()).isEqualTo(200);
        assertThat(staff.jsonPath().getString("scope")).isEqualTo("MUNICIPALITY");
        assertThat(staff.jsonPath().getList("zones.features.properties.type", String.class)).allMatch("LOCALITY"::equals);
        given().header("Authorization", users.bearer("map-citizen", Roles.CITIZEN)).get("/api/v1/me/map-package").then().statusCode(403);
        given().get("/api/v1/me/map-package").then().statusCode(401);
    }
}
