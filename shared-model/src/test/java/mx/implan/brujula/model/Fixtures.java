package mx.implan.brujula.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import mx.implan.brujula.model.geojson.GeoJson;
import mx.implan.brujula.model.json.WireJson;
import mx.implan.brujula.model.observation.Observation;
import mx.implan.brujula.model.observation.ObservationKind;
import mx.implan.brujula.model.observation.PhotoRef;
import org.locationtech.jts.geom.Coordinate;

/** Shared sample data: the push item of DESIGN.md's wire-format section. */
public final class Fixtures {

    public static final ObjectMapper JSON = WireJson.strict();
    public static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    public static final String DESIGN_ITEM = """
            { "id": "0193a1e2-7c4d-7b8e-9f00-1a2b3c4d5e6f", "opId": "0193a1e2-8d00-7000-8000-00000000002a",
              "kind": "RISK",
              "geometry": { "type": "Point", "coordinates": [-110.9613, 29.0729] },
              "accuracyM": 4.5, "capturedAt": "2026-11-25T10:15:00-07:00", "deviceId": "tab-017",
              "notes": "Socavón junto a la banqueta", "baseRev": 0,
              "attributes": { "hazard": "HUNDIMIENTO", "severity": 4, "peopleExposed": 30 },
              "photos": [ { "sha256": "%s", "mediaType": "image/jpeg", "bytes": 2481121,
                            "takenAt": "2026-11-25T10:14:40-07:00" } ] }
            """.formatted(SHA);

    private Fixtures() {
    }

    /** A fresh, mutable copy of the valid sample item. */
    public static ObjectNode item() {
        try {
            return (ObjectNode) JSON.readTree(DESIGN_ITEM);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static Observation risk() {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("hazard", "HUNDIMIENTO");
        attributes.put("severity", 4);
        attributes.put("peopleExposed", 30);
        return Observation.builder()
                .id(UUID.fromString("0193a1e2-7c4d-7b8e-9f00-1a2b3c4d5e6f"))
                .opId(UUID.fromString("0193a1e2-8d00-7000-8000-00000000002a"))
                .kind(ObservationKind.RISK)
                .geometry(GeoJson.factory().createPoint(new Coordinate(-110.9613, 29.0729)))
                .accuracyM(4.5)
                .capturedAt(OffsetDateTime.parse("2026-11-25T10:15:00-07:00"))
                .deviceId("tab-017")
                .notes("Socavón junto a la banqueta")
                .baseRev(0L)
                .attributes(attributes)
                .photos(List.of(new PhotoRef(SHA, "image/jpeg", 2481121L, OffsetDateTime.parse("2026-11-25T10:14:40-07:00"))))
                .build();
    }
}
