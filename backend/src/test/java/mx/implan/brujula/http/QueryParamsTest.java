package mx.implan.brujula.http;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Query parameters read as written, never as Java's parsers would also read them. */
class QueryParamsTest {

    private static final Locale EN = Locale.ENGLISH;

    private static String codeOf(Runnable parse) {
        try {
            parse.run();
            return null;
        } catch (ApiProblem p) {
            return p.errors().get(0).code();
        }
    }

    @Test
    void aBboxIsPlainDecimalsNotHexFloatsNorTypeSuffixes() {
        for (String bbox : List.of("0x1p3,0,1,1", "1d,0,2,1", "1f,0,2,1", "NaN,0,1,1", "Infinity,0,1,1", "1e400,0,1,1")) {
            assertThat(codeOf(() -> QueryParams.bbox(bbox, EN))).as(bbox).isEqualTo("BBOX_FORMAT");
        }
        assertThat(QueryParams.bbox("-110.99,29.0,-110.9,29.1", EN)).isPresent();
        assertThat(QueryParams.bbox(".5,-.5,1.,1", EN)).isPresent();
        assertThat(QueryParams.bbox("1e1,0,2e1,1", EN)).isPresent();
    }

    @Test
    void aLimitOfManyDigitsIsOutOfRangeNotMalformed() {
        assertThat(codeOf(() -> QueryParams.limit("99999999999999999999999", 100, 1000, EN))).isEqualTo("LIMIT_RANGE");
        assertThat(codeOf(() -> QueryParams.limit("-5", 100, 1000, EN))).isEqualTo("LIMIT_RANGE");
        assertThat(codeOf(() -> QueryParams.limit("5.0", 100, 1000, EN))).isEqualTo("NOT_AN_INTEGER");
        assertThat(QueryParams.limit("0000000007", 100, 1000, EN)).isEqualTo(7);
    }

    @Test
    void instantsPastFourDigitYearsAreRefused() {
        assertThat(codeOf(() -> QueryParams.instant("from", "+999999999-12-31T23:59:59Z", EN))).isEqualTo("INVALID_DATETIME");
        assertThat(codeOf(() -> QueryParams.instant("to", "-000001-01-01T00:00:00Z", EN))).isEqualTo("INVALID_DATETIME");
        assertThat(QueryParams.instant("from", "2026-11-25T10:00:00-07:00", EN).getYear()).isEqualTo(2026);
        assertThatThrownBy(() -> QueryParams.instant("from", "ayer", EN)).isInstanceOf(ApiProblem.class);
    }
}
