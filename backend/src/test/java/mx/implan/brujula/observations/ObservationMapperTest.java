package mx.implan.brujula.observations;

import com.fasterxml.jackson.databind.ObjectMapper;
import mx.implan.brujula.model.json.WireJson;
import mx.implan.brujula.model.observation.Flag;
import mx.implan.brujula.model.observation.Observation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The ingest path's shortcut to a new row's wire form must be exactly what reading the row gives. */
class ObservationMapperTest {

    private static final ObjectMapper JSON = WireJson.strict();

    @ParameterizedTest
    @ValueSource(strings = {
            """
            {"kind": "RISK", "geometry": {"type": "Point", "coordinates": [-110.95, 29.08]}, "accuracyM": 4.50,
             "capturedAt": "2026-11-30T08:15:30.123456-07:00", "attributes": {"hazard": "GRIETA", "severity": 3,
             "peopleExposed": 12, "nota": "ñandú \\u00e9", "depthM": 0.250}}""",
            """
            {"kind": "GREEN_AREA", "geometry": {"type": "Polygon", "coordinates": [[[-110.96, 29.07], [-110.95, 29.07],
             [-110.95, 29.08], [-110.96, 29.07]]]}, "capturedAt": "2026-11-30T15:15:30Z", "capturedAtPrecision": "DATE",
             "notes": "Parque", "attributes": {"trees": 14, "condition": "BUENA", "list": [1, 2.5, {"a": null}]},
             "photos": [{"sha256": "%s", "mediaType": "image/jpeg", "bytes": 1234, "takenAt": "2026-11-30T08:00:00-07:00"}]}""",
            """
            {"kind": "URBAN_IMAGE", "geometry": {"type": "LineString", "coordinates": [[-110.96, 29.07], [-110.95, 29.08]]},
             "capturedAt": "2026-11-30T08:15:30+00:00", "deviceId": "tel-1"}"""})
    void aNewRowsWireFormIsWhatReadingTheRowGives(String content) throws Exception {
        Observation device = JSON.readValue(content.formatted("a".repeat(64)), Observation.class).toBuilder()
                .id(UUID.randomUUID()).opId(UUID.randomUUID()).baseRev(0L).build();
        NewObservation n = new NewObservation(device, "h", List.of(Flag.OUTSIDE_AOI, Flag.INCOMPLETE), 12.5, 30L,
                "inspector1", null, device.opId());
        ObservationEntity row = ObservationMapper.newRow(n, OffsetDateTime.now(ZoneOffset.UTC));

        Observation created = ObservationMapper.created(n, row);

        assertThat(ObservationMapper.toJson(created)).isEqualTo(ObservationMapper.toJson(ObservationMapper.toWire(row)));
        assertThat(created).isEqualTo(ObservationMapper.toWire(row));
    }
}
