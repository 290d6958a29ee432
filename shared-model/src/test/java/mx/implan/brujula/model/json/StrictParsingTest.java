package mx.implan.brujula.model.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import mx.implan.brujula.model.Fixtures;
import mx.implan.brujula.model.auth.TokenRequest;
import mx.implan.brujula.model.observation.Flag;
import mx.implan.brujula.model.observation.Observation;
import mx.implan.brujula.model.sync.PullResponse;
import org.junit.jupiter.api.Test;

/** Client bugs the wire format refuses instead of guessing around them. */
class StrictParsingTest {

    private final ObjectMapper strict = WireJson.strict();
    private final ObjectMapper lenient = WireJson.lenient();
    private final ObjectMapper rest = configured();

    private static ObjectMapper configured() {
        ObjectMapper mapper = new ObjectMapper();
        WireJson.configure(mapper);
        return mapper;
    }

    /** A record with the scalar types request bodies use. */
    record Scalars(String text, Boolean active, Long count, Double ratio, Flag flag) {
    }

    @Test
    void aKeyGivenTwiceIsRefusedInTreesAndRecords() {
        for (ObjectMapper mapper : List.of(strict, rest)) {
            assertThatThrownBy(() -> mapper.readTree("{\"a\":1,\"a\":2}")).isInstanceOf(JsonParseException.class)
                    .hasMessageStartingWith("Duplicate field 'a'");
            assertThatThrownBy(() -> mapper.readValue("{\"username\":\"a\",\"username\":\"b\",\"password\":\"p\"}", TokenRequest.class))
                    .isInstanceOf(JsonParseException.class);
        }
    }

    @Test
    void anythingAfterTheValueIsRefused() {
        assertThatThrownBy(() -> rest.readTree("{\"a\":1} xyz")).isInstanceOf(JsonParseException.class);
        assertThatThrownBy(() -> rest.readTree("{\"a\":1} {\"b\":2}")).isInstanceOf(MismatchedInputException.class)
                .hasMessageStartingWith("Trailing token");
        assertThatThrownBy(() -> strict.readValue("{\"text\":\"x\"} 1", Scalars.class)).isInstanceOf(MismatchedInputException.class);
    }

    @Test
    void onlyUtf8WithoutAByteOrderMarkIsJson() throws Exception {
        byte[] utf8 = "{\"text\":\"ñandú\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(rest.readValue(utf8, Scalars.class).text()).isEqualTo("ñandú");
        byte[] bom = new byte[utf8.length + 3];
        bom[0] = (byte) 0xEF;
        bom[1] = (byte) 0xBB;
        bom[2] = (byte) 0xBF;
        System.arraycopy(utf8, 0, bom, 3, utf8.length);
        assertThatThrownBy(() -> rest.readTree(bom)).isInstanceOf(NotUtf8Exception.class);
        assertThatThrownBy(() -> strict.readTree(new java.io.ByteArrayInputStream(bom))).isInstanceOf(NotUtf8Exception.class);
        for (var charset : List.of(StandardCharsets.UTF_16, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) {
            byte[] other = "{\"text\":\"x\"}".getBytes(charset);
            assertThatThrownBy(() -> rest.readTree(other)).as(charset.name()).isInstanceOf(NotUtf8Exception.class);
        }
    }

    @Test
    void scalarsAreNeverConvertedIntoAnotherType() throws Exception {
        for (String body : List.of("{\"text\":12345678901}", "{\"text\":1.5}", "{\"text\":true}",
                "{\"active\":\"false\"}", "{\"active\":1}", "{\"active\":123456789012345678901234567890}",
                "{\"count\":\"12\"}", "{\"count\":1.5}", "{\"count\":true}", "{\"ratio\":\"1.5\"}", "{\"flag\":0}")) {
            assertThatThrownBy(() -> rest.readValue(body, Scalars.class)).as(body).isInstanceOf(MismatchedInputException.class);
            assertThatThrownBy(() -> strict.readValue(body, Scalars.class)).as(body).isInstanceOf(MismatchedInputException.class);
        }
        assertThat(rest.readValue("{\"text\":\"t\",\"active\":false,\"count\":12,\"ratio\":1,\"flag\":\"CLOCK_SKEW\"}", Scalars.class))
                .isEqualTo(new Scalars("t", false, 12L, 1.0, Flag.CLOCK_SKEW));
    }

    @Test
    void nanIsATokenOnlyForDeviceInputWhereTheValidatorReportsIt() throws Exception {
        assertThatThrownBy(() -> rest.readTree("{\"budget\":NaN}")).isInstanceOf(JsonParseException.class);
        assertThatThrownBy(() -> rest.readValue("{\"text\":NaN}", Scalars.class)).isInstanceOf(JsonParseException.class);
        JsonNode read = strict.readTree("{\"accuracyM\":NaN}");
        assertThat(read.get("accuracyM").isNumber()).isTrue();
        assertThat(Double.isNaN(read.get("accuracyM").doubleValue())).isTrue();
        // Device input keeps NaN a number: it is never bound as text.
        assertThatThrownBy(() -> strict.readValue("{\"text\":NaN}", Scalars.class)).isInstanceOf(MismatchedInputException.class);
    }

    @Test
    void aNulCharacterInARequestStringIsRefusedWithItsPathWhileDeviceInputLeavesItToTheValidator() throws Exception {
        String body = "{\"username\":\"ana\",\"password\":\"abcdefghij\\u0000k\"}";
        assertThatThrownBy(() -> rest.readValue(body, TokenRequest.class))
                .isInstanceOfSatisfying(NulCharacterException.class,
                        e -> assertThat(e.getPath()).extracting(r -> r.getFieldName()).containsExactly("password"));
        assertThat(strict.readValue(body, TokenRequest.class).password()).contains("\u0000");
    }

    @Test
    void requestBodiesAreBoundedTightlyAndDeviceInputLeavesItemBoundsToTheValidator() throws Exception {
        String deep = "[".repeat(WireJson.MAX_NESTING_DEPTH + 1) + "]".repeat(WireJson.MAX_NESTING_DEPTH + 1);
        assertThatThrownBy(() -> rest.readTree(deep)).isInstanceOf(StreamConstraintsException.class);
        // One deep item must be rejected alone, by the validator, not fail the whole push here.
        assertThat(strict.readTree(deep).isArray()).isTrue();
        String deeper = "[".repeat(1_001) + "]".repeat(1_001);
        assertThatThrownBy(() -> strict.readTree(deeper)).isInstanceOf(StreamConstraintsException.class);
        String longNumber = "{\"count\":" + "9".repeat(WireJson.MAX_NUMBER_LENGTH + 1) + "}";
        assertThatThrownBy(() -> rest.readTree(longNumber)).isInstanceOf(StreamConstraintsException.class);
        String longName = "{\"" + "k".repeat(WireJson.MAX_NAME_LENGTH + 1) + "\":1}";
        assertThatThrownBy(() -> rest.readTree(longName)).isInstanceOf(StreamConstraintsException.class);
    }

    @Test
    void aNewerPeerIsStillReadLeniently() throws Exception {
        String newer = Fixtures.DESIGN_ITEM.replace("\"kind\": \"RISK\",",
                "\"kind\": \"RISK\", \"flags\": [\"SOLAR_FLARE\"], \"brandNewField\": {\"x\": [1, \"two\"]},");
        assertThat(lenient.readValue(newer, Observation.class).flags()).containsExactly(Flag.UNKNOWN);
        assertThat(lenient.readValue("{\"changes\":[],\"next\":null,\"hasMore\":false,\"newMember\":[1]}", PullResponse.class)
                .hasMore()).isFalse();
    }
}
