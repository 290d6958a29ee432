package mx.implan.brujula.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.http.ContentType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import mx.implan.brujula.auth.Roles;
import mx.implan.brujula.auth.UserService;
import mx.implan.brujula.zones.ZoneRecord;
import mx.implan.brujula.zones.ZoneService;
import mx.implan.brujula.zones.ZoneType;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * Works-monitoring test fixtures: an AGEB of its own far from the demo data and from other tests,
 * works with a plan around today inside it, inspectors assigned to it, and WORKS_PROGRESS reports
 * pushed as a device does.
 */
@ApplicationScoped
public class Fieldwork {

    public static final ZoneId HERMOSILLO = ZoneId.of("America/Hermosillo");

    @Inject
    ZoneService zones;
    @Inject
    TestUsers users;
    @Inject
    UserService userService;
    @Inject
    Db db;

    /** The zones made so far, removed by {@link #removeAreas()}. */
    private final java.util.Set<String> made = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** A square AGEB of 0.01° with its own id; {@code x, y} its south-west corner. */
    public record Area(String zoneId, double x, double y) {
        public double lon() {
            return x + 0.005;
        }

        public double lat() {
            return y + 0.005;
        }
    }

    public String admin() {
        return users.bearer("admin-monitoring", Roles.ADMIN);
    }

    public String supervisor() {
        return users.bearer("sup-monitoring", Roles.SUPERVISOR);
    }

    public Area area() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        double x = -109.5 + r.nextInt(2000) * 0.001;
        double y = 31.0 + r.nextInt(2000) * 0.001;
        String id = "W" + Long.toString(System.nanoTime(), 36);
        ObjectNode geometry = Items.JSON.createObjectNode();
        geometry.put("type", "Polygon");
        var ring = geometry.putArray("coordinates").addArray();
        double[][] corners = {{x, y}, {x + 0.01, y}, {x + 0.01, y + 0.01}, {x, y + 0.01}, {x, y}};
        for (double[] c : corners) {
            ring.addArray().add(c[0]).add(c[1]);
        }
        zones.upsert(List.of(new ZoneRecord(id, ZoneType.AGEB, "Zona de monitoreo " + id, null, 100, 1.0, null, geometry)));
        made.add(id);
        return new Area(id, x, y);
    }

    /**
     * Removes the zones made (their assignments go with them), so that tests counting Hermosillo's
     * zones (404 AGEBs) see Hermosillo only. Works and reports left there belong to no zone afterwards.
     */
    public void removeAreas() {
        for (String id : List.copyOf(made)) {
            db.update("DELETE FROM indicator_value WHERE zone_id = ?", id);
            db.update("DELETE FROM zone WHERE id = ?", id);
            made.remove(id);
        }
    }

    /** A work in the area whose plan goes linearly from 0 % 100 days ago to 100 % in 100 days: 50 % today. */
    public String work(Area area, String programme) {
        LocalDate today = LocalDate.now(HERMOSILLO);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", "MON-" + Long.toString(System.nanoTime(), 36).toUpperCase());
        body.put("name", "Obra de monitoreo");
        body.put("programme", programme);
        body.put("plannedStart", today.minusDays(100).toString());
        body.put("plannedEnd", today.plusDays(100).toString());
        body.put("plannedCurve", List.of(Map.of("date", today.minusDays(100).toString(), "percent", 0),
                Map.of("date", today.plusDays(100).toString(), "percent", 100)));
        body.put("geometry", Map.of("type", "Point", "coordinates", List.of(area.lon(), area.lat())));
        return given().header("Authorization", admin()).contentType(ContentType.JSON).body(body).post("/api/v1/works")
                .then().statusCode(201).extract().path("id");
    }

    /** A new inspector working in the area. */
    public String inspectorIn(Area area, String username) {
        String bearer = users.bearer(username, Roles.INSPECTOR);
        String id = userService.findByUsername(username).orElseThrow().id.toString();
        given().header("Authorization", admin()).contentType(ContentType.JSON).body(Map.of("zones", List.of(area.zoneId())))
                .put("/api/v1/admin/users/" + id + "/zones").then().statusCode(200);
        return bearer;
    }

    /** A WORKS_PROGRESS report of the work, captured at {@code when}. */
    public ObjectNode report(String workId, int percent, String stage, OffsetDateTime when) {
        ObjectNode item = Items.worksProgress(UUID.randomUUID(), UUID.fromString(workId), percent);
        ((ObjectNode) item.get("attributes")).put("stage", stage);
        item.put("capturedAt", when.withNano(0).toString());
        return item;
    }

    /** Pushes the items; every one must be stored. */
    public void push(String bearer, ObjectNode... items) {
        var response = given().header("Authorization", bearer).contentType(ContentType.JSON).body(Items.batch(items))
                .post("/api/v1/sync/push").then().statusCode(200);
        for (int i = 0; i < items.length; i++) {
            response.body("results[" + i + "].status", equalTo("CREATED"));
        }
    }

    /** {@code hour}:00 on the day {@code daysAgo} days before today, in Hermosillo. */
    public static OffsetDateTime at(int daysAgo, int hour) {
        return LocalDate.now(HERMOSILLO).minusDays(daysAgo).atTime(hour, 0).atZone(HERMOSILLO).toOffsetDateTime();
    }
}
