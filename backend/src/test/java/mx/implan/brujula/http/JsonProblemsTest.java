package mx.implan.brujula.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import mx.implan.brujula.model.json.WireJson;
import mx.implan.brujula.model.sync.FieldError;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Each way Jackson refuses a body becomes a problem with a stable code and the field's JSON path,
 * in the caller's language, without Jackson's words. Also pins the two refusals Jackson gives no
 * type for (a key twice, content after the value) to the wording of the version in use.
 */
class JsonProblemsTest {

    private static final ObjectMapper REST = rest();

    private static ObjectMapper rest() {
        ObjectMapper mapper = new ObjectMapper();
        WireJson.configure(mapper);
        return mapper;
    }

    enum Colour { RED, GREEN }

    record Item(String name, Long count, Boolean active, Colour colour, UUID id, OffsetDateTime at, List<Item> children) {
    }

    private static ApiProblem problem(String body, Class<?> type, Locale locale) {
        JsonProcessingException e = catchThrowableOfType(JsonProcessingException.class,
                () -> REST.readValue(body.getBytes(StandardCharsets.UTF_8), type));
        assertThat(e).as(body).isNotNull();
        ApiProblem problem = JsonProblems.of(e, locale);
        String rendered = ProblemResponses.body(problem, locale, "/x").toString();
        assertThat(rendered).as(body).doesNotContain("Jackson").doesNotContain("com.fasterxml").doesNotContain("mx.implan")
                .doesNotContain("`").doesNotContain("Exception").doesNotContain("StreamReadConstraints");
        return problem;
    }

    private static FieldError only(ApiProblem problem) {
        assertThat(problem.errors()).hasSize(1);
        return problem.errors().get(0);
    }

    @Test
    void aKeyGivenTwiceIsNamedByItsPath() {
        ApiProblem p = problem("{\"children\":[{\"name\":\"a\"},{\"name\":\"b\",\"name\":\"c\"}]}", Item.class, Locale.ENGLISH);
        assertThat(p.code()).isEqualTo("DUPLICATE_KEY");
        assertThat(only(p).field()).isEqualTo("children[1].name");
        assertThat(only(p).message()).isEqualTo("Given twice");
    }

    @Test
    void contentAfterTheValueAndSyntaxErrorsAreMalformedJsonWithTheirPosition() {
        for (String body : List.of("{\"name\":\"a\"} {}", "{\"name\":\"a\"} x", "{\"name\":", "{\"count\":NaN}")) {
            ApiProblem p = problem(body, Item.class, Locale.ENGLISH);
            assertThat(p.code()).as(body).isEqualTo("MALFORMED_JSON");
            assertThat(p.args()).as(body).hasSize(2);
            assertThat((int) p.args()[0]).as(body).isEqualTo(1);
        }
    }

    @Test
    void aWrongTypeNamesTheFieldAndTheTypeExpectedInTheCallersLanguage() {
        ApiProblem p = problem("{\"children\":[{\"count\":\"12\"}]}", Item.class, Locale.forLanguageTag("es"));
        assertThat(p.status()).isEqualTo(400);
        assertThat(p.code()).isEqualTo("INVALID_TYPE");
        assertThat(only(p)).isEqualTo(new FieldError("children[0].count", "INVALID_TYPE", "Debe ser un número entero"));
        assertThat(only(problem("{\"active\":\"false\"}", Item.class, Locale.ENGLISH)).message()).isEqualTo("Must be true or false");
        assertThat(only(problem("{\"name\":1}", Item.class, Locale.ENGLISH)).message()).isEqualTo("Must be text");
        assertThat(only(problem("{\"children\":{}}", Item.class, Locale.ENGLISH)).message()).isEqualTo("Must be a list");
        assertThat(problem("[1]", Item.class, Locale.ENGLISH).code()).isEqualTo("INVALID_BODY");
    }

    @Test
    void aValueOfTheRightTypeThatCannotBeTakenIsInvalidValueWithItsReason() {
        assertThat(only(problem("{\"colour\":\"BLUE\"}", Item.class, Locale.ENGLISH)))
                .isEqualTo(new FieldError("colour", "INVALID_ENUM", "Unknown value; allowed values: RED, GREEN"));
        assertThat(only(problem("{\"id\":\"obs-1\"}", Item.class, Locale.ENGLISH)).code()).isEqualTo("INVALID_UUID");
        assertThat(only(problem("{\"at\":\"ayer\"}", Item.class, Locale.ENGLISH)).code()).isEqualTo("INVALID_DATETIME");
        assertThat(only(problem("{\"name\":\"a\\u0000b\"}", Item.class, Locale.ENGLISH)).code()).isEqualTo("INVALID_CHARACTER");
        ApiProblem range = problem("{\"count\":123456789012345678901234567890}", Item.class, Locale.ENGLISH);
        assertThat(range.code()).isEqualTo("INVALID_VALUE");
        assertThat(only(range).field()).isEqualTo("count");
        assertThat(only(range).code()).isEqualTo("NUMBER_RANGE");
    }

    @Test
    void limitsAreNamedByTheirSettingNeverByTheLibrary() {
        ApiProblem deep = problem("{\"zzz\":" + "[".repeat(150) + "]".repeat(150) + "}", Item.class, Locale.ENGLISH);
        assertThat(deep.code()).isEqualTo("JSON_TOO_COMPLEX");
        assertThat(deep.extensions()).containsEntry("maxNestingDepth", (long) WireJson.MAX_NESTING_DEPTH);
        assertThat(problem("{\"zzz\":" + "1".repeat(150) + "}", Item.class, Locale.ENGLISH).extensions())
                .containsKey("maxNumberLength");
        assertThat(problem("{\"" + "k".repeat(2_000) + "\":1}", Item.class, Locale.ENGLISH).extensions())
                .containsKey("maxNameLength");
        assertThat(problem("\uFEFF{}", Item.class, Locale.ENGLISH).code()).isEqualTo("JSON_NOT_UTF8");
        // Device input keeps Jackson's bounds: the problem names the bound that was hit, not the request bodies'.
        JsonProcessingException device = catchThrowableOfType(JsonProcessingException.class,
                () -> WireJson.strict().readTree("[".repeat(1_001) + "]".repeat(1_001)));
        assertThat(JsonProblems.of(device, Locale.ENGLISH).extensions()).containsEntry("maxNestingDepth", 1_000L);
    }
}
