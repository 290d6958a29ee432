package mx.implan.brujula.model.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import mx.implan.brujula.model.Fixtures;
import mx.implan.brujula.model.Page;
import mx.implan.brujula.model.auth.TokenRequest;
import mx.implan.brujula.model.observation.Flag;
import mx.implan.brujula.model.observation.Observation;
import mx.implan.brujula.model.observation.ObservationKind;
import mx.implan.brujula.model.observation.ObservationStatus;
import mx.implan.brujula.model.sync.Change;
import mx.implan.brujula.model.sync.ChangeOp;
import mx.implan.brujula.model.sync.ChangeType;
import mx.implan.brujula.model.sync.FieldError;
import mx.implan.brujula.model.sync.PullResponse;
import mx.implan.brujula.model.sync.PushRequest;
import mx.implan.brujula.model.sync.PushResponse;
import mx.implan.brujula.model.sync.PushResult;
import mx.implan.brujula.model.sync.PushStatus;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Point;

class WireJsonTest {

    private final ObjectMapper strict = WireJson.strict();
    private final ObjectMapper lenient = WireJson.lenient();

    @Test
    void readsTheDesignExample() throws Exception {
        Observation o = strict.readValue(Fixtures.DESIGN_ITEM, Observation.class);
        assertThat(o).isEqualTo(Fixtures.risk().toBuilder().attributes(o.attributes()).build());
        assertThat(o.kind()).isEqualTo(ObservationKind.RISK);
        assertThat(o.geometry()).isInstanceOf(Point.class);
        assertThat(o.capturedAt().getOffset().getTotalSeconds()).isEqualTo(-7 * 3600);
        assertThat(o.attributes()).containsEntry("severity", 4).containsEntry("hazard", "HUNDIMIENTO");
    }

    @Test
    void writesCamelCaseWithOffsetsAndWithoutNulls() throws Exception {
        JsonNode tree = strict.readTree(strict.writeValueAsString(Fixtures.risk()));
        assertThat(tree.get("capturedAt").asText()).isEqualTo("2026-11-25T10:15:00-07:00");
        assertThat(tree.get("photos").get(0).get("takenAt").asText()).isEqualTo("2026-11-25T10:14:40-07:00");
        assertThat(tree.get("geometry").toString()).isEqualTo("{\"type\":\"Point\",\"coordinates\":[-110.9613,29.0729]}");
        assertThat(tree.has("rev")).isFalse();
        assertThat(tree.has("status")).isFalse();
        assertThat(tree.get("accuracyM").doubleValue()).isEqualTo(4.5);
        List<String> names = new java.util.ArrayList<>();
        tree.fieldNames().forEachRemaining(names::add);
        assertThat(names).startsWith("id", "opId", "kind", "geometry", "accuracyM", "capturedAt");
    }

    @Test
    void decimalsKeepTheirDigits() throws Exception {
        Observation o = strict.readValue(Fixtures.DESIGN_ITEM.replace("\"severity\": 4", "\"ratio\": 0.1000000000000000055511151231257827"),
                Observation.class);
        assertThat(o.attributes().get("ratio")).isEqualTo(new BigDecimal("0.1000000000000000055511151231257827"));
        assertThat(strict.writeValueAsString(new BigDecimal("1E+3"))).isEqualTo("1000");
    }

    @Test
    void strictIgnoresUnknownFieldsButNotUnknownEnums() throws Exception {
        String withExtra = Fixtures.DESIGN_ITEM.replace("\"kind\": \"RISK\",", "\"kind\": \"RISK\", \"mood\": \"happy\",");
        assertThat(strict.readValue(withExtra, Observation.class).kind()).isEqualTo(ObservationKind.RISK);
        String withFlag = Fixtures.DESIGN_ITEM.replace("\"kind\": \"RISK\",", "\"kind\": \"RISK\", \"flags\": [\"SOLAR_FLARE\"],");
        assertThatThrownBy(() -> strict.readValue(withFlag, Observation.class)).isInstanceOf(InvalidFormatException.class);
    }

    @Test
    void lenientSurvivesANewerPeer() throws Exception {
        String newer = Fixtures.DESIGN_ITEM.replace("\"kind\": \"RISK\",",
                "\"kind\": \"RISK\", \"flags\": [\"OUTSIDE_AOI\", \"SOLAR_FLARE\"], \"status\": \"ESCALATED\", "
                        + "\"brandNewField\": {\"x\": 1},");
        Observation o = lenient.readValue(newer, Observation.class);
        assertThat(o.flags()).containsExactly(Flag.OUTSIDE_AOI, Flag.UNKNOWN);
        assertThat(o.status()).isNull();
        PullResponse pull = lenient.readValue(
                "{\"changes\":[{\"type\":\"photo\",\"op\":\"UPSERT\",\"id\":\"x\",\"rev\":3},"
                        + "{\"type\":\"zone\",\"op\":\"ARCHIVE\",\"id\":\"z\"}],\"next\":\"c2\",\"hasMore\":true,\"extra\":1}",
                PullResponse.class);
        assertThat(pull.changes()).extracting(Change::type).containsExactly(null, ChangeType.ZONE);
        assertThat(pull.changes()).extracting(Change::op).containsExactly(ChangeOp.UPSERT, null);
        assertThat(pull.hasMore()).isTrue();
    }

    @Test
    void changeTypeIsLowercaseOnTheWire() throws Exception {
        Change change = new Change(ChangeType.OBSERVATION, ChangeOp.REMOVE, "abc", 7L, null);
        assertThat(strict.writeValueAsString(change)).isEqualTo("{\"type\":\"observation\",\"op\":\"REMOVE\",\"id\":\"abc\",\"rev\":7}");
        assertThat(strict.readValue("\"assignment\"", ChangeType.class)).isEqualTo(ChangeType.ASSIGNMENT);
        assertThat(ChangeType.fromWire("work")).contains(ChangeType.WORK);
        assertThat(ChangeType.fromWire("WORK")).isEmpty();
    }

    @Test
    void cursorsAreAlwaysPresent() throws Exception {
        assertThat(strict.writeValueAsString(new PullResponse(List.of(), null, false)))
                .isEqualTo("{\"changes\":[],\"next\":null,\"hasMore\":false}");
        assertThat(strict.writeValueAsString(new Page<>(List.of("a"), null))).isEqualTo("{\"items\":[\"a\"],\"next\":null}");
    }

    @Test
    void pushRoundTrip() throws Exception {
        PushRequest request = new PushRequest("tab-017", OffsetDateTime.parse("2026-11-25T10:20:00-07:00"),
                List.of(Fixtures.risk()));
        PushRequest back = strict.readValue(strict.writeValueAsString(request), PushRequest.class);
        assertThat(back.sentAt()).isEqualTo(request.sentAt());
        assertThat(back.items()).hasSize(1);

        UUID id = Fixtures.risk().id();
        PushResponse response = new PushResponse(List.of(
                new PushResult(id, Fixtures.risk().opId(), PushStatus.CREATED, 1L, List.of(Fixtures.SHA), List.of(), null, null),
                PushResult.rejected(null, null, List.of(new FieldError("geometry.coordinates[1]", "LAT_RANGE", "…")))));
        String json = strict.writeValueAsString(response);
        assertThat(json).contains("\"status\":\"CREATED\"").contains("\"missingPhotos\":[\"" + Fixtures.SHA + "\"]")
                .doesNotContain("\"server\"");
        assertThat(lenient.readValue(json, PushResponse.class)).isEqualTo(response);
    }

    @Test
    void readingDoesNotNormaliseOffsets() throws Exception {
        OffsetDateTime t = strict.readValue("\"2026-11-25T10:15:00-07:00\"", OffsetDateTime.class);
        assertThat(t.toString()).isEqualTo("2026-11-25T10:15-07:00");
        assertThat(strict.writeValueAsString(t)).isEqualTo("\"2026-11-25T10:15:00-07:00\"");
    }

    @Test
    void configureAppliesToAnExistingMapper() throws Exception {
        ObjectMapper own = new ObjectMapper();
        WireJson.configure(own);
        Observation o = own.readValue(Fixtures.DESIGN_ITEM, Observation.class);
        assertThat(own.writeValueAsString(o)).contains("\"capturedAt\":\"2026-11-25T10:15:00-07:00\"");
    }

    @Test
    void serverFieldsRoundTrip() throws Exception {
        Observation o = Fixtures.risk().withServerFields(5L, "ana", ObservationStatus.VERIFIED,
                OffsetDateTime.parse("2026-11-25T17:16:00Z"), List.of(Flag.CLOCK_SKEW), 0.0, List.of());
        assertThat(strict.readValue(strict.writeValueAsString(o), Observation.class)).isEqualTo(o);
    }

    @Test
    void secretsStayOutOfLogs() {
        assertThat(new TokenRequest("ana", "s3cret").toString()).doesNotContain("s3cret");
    }
}
