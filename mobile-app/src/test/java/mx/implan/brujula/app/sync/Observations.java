package mx.implan.brujula.app.sync;

import java.time.OffsetDateTime;
import java.util.Map;
import mx.implan.brujula.model.Ids;
import mx.implan.brujula.model.observation.Observation;
import mx.implan.brujula.model.observation.ObservationKind;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;

/** Observations as the app would capture them, for tests. */
public final class Observations {

    private static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);

    private Observations() {
    }

    /** A new RISK point (baseRev 0) in Hermosillo. */
    public static Observation risk(String deviceId) {
        return risk(deviceId, -110.9613, 29.0729);
    }

    public static Observation risk(String deviceId, double lon, double lat) {
        return Observation.builder()
                .id(Ids.newV7())
                .opId(Ids.newV7())
                .kind(ObservationKind.RISK)
                .geometry(WGS84.createPoint(new Coordinate(lon, lat)))
                .accuracyM(4.5)
                .capturedAt(OffsetDateTime.now().withNano(0))
                .deviceId(deviceId)
                .notes("Socavón junto a la banqueta")
                .attributes(Map.of("hazard", "HUNDIMIENTO", "severity", 4, "peopleExposed", 30))
                .baseRev(0L)
                .build();
    }

    /** The journal's next write of {@code o}: a fresh opId on top of {@code baseRev}. */
    public static Observation edit(Observation o, long baseRev, String notes) {
        return o.toBuilder().opId(Ids.newV7()).baseRev(baseRev).notes(notes).build();
    }
}
