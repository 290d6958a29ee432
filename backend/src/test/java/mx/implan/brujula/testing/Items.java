package mx.implan.brujula.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import mx.implan.brujula.model.json.WireJson;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** Builds push items and batches as raw JSON, the way a device sends them. */
public final class Items {

    public static final ObjectMapper JSON = WireJson.strict();
    /** Downtown Hermosillo (Plaza Zaragoza area). */
    public static final double LON = -110.9613;
    public static final double LAT = 29.0729;

    private Items() {
    }

    public static ObjectNode risk(UUID id) {
        return risk(id, LON, LAT);
    }

    public static ObjectNode risk(UUID id, double lon, double lat) {
        ObjectNode item = base(id, "RISK");
        item.set("geometry", point(lon, lat));
        ObjectNode attributes = item.putObject("attributes");
        attributes.put("hazard", "HUNDIMIENTO");
        attributes.put("severity", 4);
        attributes.put("peopleExposed", 30);
        return item;
    }

    public static ObjectNode urbanImage(UUID id, double lon, double lat, String issue) {
        ObjectNode item = base(id, "URBAN_IMAGE");
        item.set("geometry", point(lon, lat));
        ObjectNode attributes = item.putObject("attributes");
        attributes.put("issue", issue);
        attributes.put("severity", 2);
        return item;
    }

    public static ObjectNode greenArea(UUID id, double[][] ring) {
        ObjectNode item = base(id, "GREEN_AREA");
        ObjectNode geometry = JSON.createObjectNode();
        geometry.put("type", "Polygon");
        ArrayNode rings = geometry.putArray("coordinates");
        ArrayNode outer = rings.addArray();
        for (double[] p : ring) {
            outer.addArray().add(p[0]).add(p[1]);
        }
        item.set("geometry", geometry);
        ObjectNode attributes = item.putObject("attributes");
        attributes.put("areaType", "PARQUE");
        attributes.put("condition", "REGULAR");
        attributes.put("trees", 40);
        attributes.put("irrigation", true);
        return item;
    }

    public static ObjectNode worksProgress(UUID id, UUID workId, int percent) {
        ObjectNode item = base(id, "WORKS_PROGRESS");
        item.set("geometry", point(LON, LAT));
        ObjectNode attributes = item.putObject("attributes");
        attributes.put("publicWorkId", workId.toString());
        attributes.put("progressPercent", percent);
        attributes.put("stage", "EN_EJECUCION");
        attributes.put("workersOnSite", 12);
        return item;
    }

    private static ObjectNode base(UUID id, String kind) {
        ObjectNode item = JSON.createObjectNode();
        item.put("id", id.toString());
        item.put("opId", UUID.randomUUID().toString());
        item.put("kind", kind);
        item.put("accuracyM", 4.5);
        item.put("capturedAt", OffsetDateTime.now(ZoneOffset.ofHours(-7)).minusMinutes(30).withNano(0).toString());
        item.put("deviceId", "tab-017");
        item.put("notes", "Socavón junto a la banqueta");
        item.put("baseRev", 0);
        return item;
    }

    public static ObjectNode point(double lon, double lat) {
        ObjectNode geometry = JSON.createObjectNode();
        geometry.put("type", "Point");
        geometry.putArray("coordinates").add(lon).add(lat);
        return geometry;
    }

    /** An edit of {@code item}: a fresh opId naming the revision it starts from. */
    public static ObjectNode edit(ObjectNode item, long baseRev) {
        ObjectNode copy = item.deepCopy();
        copy.put("opId", UUID.randomUUID().toString());
        copy.put("baseRev", baseRev);
        return copy;
    }

    public static String batch(List<ObjectNode> items) {
        ObjectNode body = JSON.createObjectNode();
        body.put("deviceId", "tab-017");
        body.put("sentAt", OffsetDateTime.now(ZoneOffset.UTC).toString());
        ArrayNode array = body.putArray("items");
        items.forEach(array::add);
        return body.toString();
    }

    public static String batch(ObjectNode... items) {
        return batch(List.of(items));
    }
}
