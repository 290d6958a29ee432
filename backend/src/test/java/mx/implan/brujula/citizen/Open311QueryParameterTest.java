package mx.implan.brujula.citizen;

import io.quarkus.test.junit.QuarkusTest;
import mx.implan.brujula.testing.RawHttp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every query parameter of the GeoReport v2 GETs, wrong: a 400 in the spec's format (JSON or XML
 * by extension) naming the parameter, never a 500 and never silently ignored. Sent raw, so the
 * query is exactly what is written here.
 */
@QuarkusTest
class Open311QueryParameterTest {

    static Stream<Arguments> badQueries() {
        return Stream.of(
                Arguments.of("a year past what can be stored", "requests", "start_date=%2B999999999-12-31T23:59:59Z", "start_date"),
                Arguments.of("a negative year", "requests", "end_date=-999999999-01-01T00:00:00Z", "end_date"),
                Arguments.of("the year 1", "requests", "start_date=0001-01-01T00:00:00Z", "start_date"),
                Arguments.of("the year 2101", "requests", "end_date=2101-01-01", "end_date"),
                Arguments.of("a date-time without offset", "requests", "start_date=2026-11-25T10:00:00", "start_date"),
                Arguments.of("a date in another format", "requests", "start_date=25/11/2026", "start_date"),
                Arguments.of("the 30th of February", "requests", "start_date=2026-02-30", "start_date"),
                Arguments.of("end before start", "requests", "start_date=2026-11-25T00:00:00Z&end_date=2026-11-01T00:00:00Z", "end_date"),
                Arguments.of("a window over 90 days", "requests", "start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z", "90"),
                Arguments.of("start_date twice", "requests", "start_date=2026-11-01&start_date=2026-11-02", "start_date"),
                Arguments.of("status twice", "requests", "status=open&status=closed", "status"),
                Arguments.of("an unknown status", "requests", "status=pending", "status"),
                Arguments.of("an empty status in a list", "requests", "status=open,", "status"),
                Arguments.of("an unknown service_code", "requests", "service_code=RISK_VOLCAN", "service_code"),
                Arguments.of("a service_request_id that is not a UUID", "requests", "service_request_id=abc", "service_request_id"),
                Arguments.of("a non-canonical UUID", "requests", "service_request_id=1-2-3-4-5", "service_request_id"),
                Arguments.of("mine neither true nor false", "requests", "mine=yes", "mine"),
                Arguments.of("jurisdiction_id twice", "requests", "jurisdiction_id=hermosillo.gob.mx&jurisdiction_id=x", "jurisdiction_id"),
                Arguments.of("updates: a year past what can be stored", "servicerequestupdates", "start_date=%2B999999999-12-31T23:59:59Z", "start_date"),
                Arguments.of("updates: end before start", "servicerequestupdates", "start_date=2026-11-25T00:00:00Z&end_date=2026-11-01T00:00:00Z", "end_date"),
                Arguments.of("updates: a window over 90 days", "servicerequestupdates", "start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z", "90"),
                Arguments.of("updates: end_date twice", "servicerequestupdates", "end_date=2026-11-01&end_date=2026-11-02", "end_date"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badQueries")
    void aBadQueryParameterIs400InTheSpecFormatNamingIt(String name, String route, String query, String mentioned) throws Exception {
        Map<String, String> english = Map.of("Accept-Language", "en");
        RawHttp.Answer json = RawHttp.send("127.0.0.1", "GET", "/open311/v2/" + route + ".json?" + query, english, null);
        assertThat(json.status()).as(json.body()).isEqualTo(400);
        assertThat(json.header("Content-Type")).startsWith("application/json");
        assertThat(json.body()).startsWith("[{\"code\":400,\"description\":").contains(mentioned);
        RawHttp.Answer xml = RawHttp.send("127.0.0.1", "GET", "/open311/v2/" + route + ".xml?" + query, english, null);
        assertThat(xml.status()).isEqualTo(400);
        assertThat(xml.header("Content-Type")).startsWith("text/xml");
        assertThat(xml.body()).contains("<errors><error><code>400</code><description>").contains(mentioned);
    }

    @org.junit.jupiter.api.Test
    void theSpecsOwnDateExamplesAreAccepted() throws Exception {
        for (String query : new String[]{"start_date=2010-05-24T00:00:00Z&end_date=2010-06-24T00:00:00Z&status=open",
                "start_date=2026-11-25T10:00:00-07:00", "start_date=2026-11-25T10:00:00.250Z", "end_date=2026-11-25"}) {
            assertThat(RawHttp.send("127.0.0.1", "GET", "/open311/v2/requests.json?" + query, Map.of(), null).status())
                    .as(query).isEqualTo(200);
        }
    }
}
