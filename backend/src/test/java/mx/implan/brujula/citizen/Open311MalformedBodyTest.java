package mx.implan.brujula.citizen;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import mx.implan.brujula.testing.Db;
import mx.implan.brujula.testing.RawHttp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bodies the REST layer cannot read as a report — broken multipart, an announced form too large —
 * are 4xx in the spec's format (JSON or XML by extension), never a 500, and nothing is written.
 */
@QuarkusTest
class Open311MalformedBodyTest {

    @Inject
    Db db;

    private static String fields(String boundary, String description) {
        return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"service_code\"\r\n\r\nRISK_FUGA\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"lat\"\r\n\r\n29.1\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"long\"\r\n\r\n-110.9\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"description\"\r\n\r\n" + description + "\r\n";
    }

    static Stream<Arguments> brokenMultipart() {
        String d = "multipart roto " + UUID.randomUUID();
        StringBuilder thousand = new StringBuilder(fields("b", d));
        for (int i = 0; i < 1000; i++) {
            thousand.append("--b\r\nContent-Disposition: form-data; name=\"f").append(i).append("\"\r\n\r\nv\r\n");
        }
        thousand.append("--b--\r\n");
        return Stream.of(
                Arguments.of("no closing boundary", "b", fields("b", d), "incompl"),
                Arguments.of("another boundary than the header's", "zzz", fields("b", d) + "--b--\r\n", "boundary"),
                Arguments.of("a part in an unknown charset", "b", "--b\r\nContent-Disposition: form-data; name=\"description\"\r\n"
                        + "Content-Type: text/plain; charset=x-no-such-charset\r\n\r\n" + d + "\r\n" + fields("b", d) + "--b--\r\n", "character set"),
                Arguments.of("1,000 fields", "b", thousand.toString(), "parts"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenMultipart")
    void aBrokenMultipartBodyIs400InTheSpecFormatAndWritesNothing(String name, String boundary, String body, String mentioned) throws Exception {
        long before = db.writes() + db.count("SELECT count(*) FROM citizen_report");
        // Any client can send these: they must not fill the log with errors and stack traces.
        List<LogRecord> errors = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLevel().intValue() >= Level.SEVERE.intValue()) {
                    errors.add(r);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(handler);
        Map<String, String> headers = Map.of("Content-Type", "multipart/form-data; boundary=" + boundary, "Accept-Language", "en");
        RawHttp.Answer json = RawHttp.send("127.0.0.1", "POST", "/open311/v2/requests.json", headers, body.getBytes(StandardCharsets.UTF_8));
        assertThat(json.status()).as(json.body()).isEqualTo(400);
        assertThat(json.header("Content-Type")).startsWith("application/json");
        assertThat(json.body()).startsWith("[{\"code\":400,\"description\":\"The multipart/form-data body could not be read")
                .contains(mentioned);
        RawHttp.Answer xml = RawHttp.send("127.0.0.1", "POST", "/open311/v2/requests.xml", headers, body.getBytes(StandardCharsets.UTF_8));
        assertThat(xml.status()).isEqualTo(400);
        assertThat(xml.header("Content-Type")).startsWith("text/xml");
        assertThat(xml.body()).contains("<errors><error><code>400</code>");
        assertThat(db.writes() + db.count("SELECT count(*) FROM citizen_report")).isEqualTo(before);
        root.removeHandler(handler);
        assertThat(errors).extracting(LogRecord::getMessage).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void aFormAnnouncingMoreThan64KiBIsRefusedBeforeItsBodyArrives() throws Exception {
        // Content-Length says 100 KB and nothing follows: the answer comes at once, not after a timeout.
        RawHttp.Answer answer = RawHttp.send("127.0.0.1", "POST", "/open311/v2/requests.xml",
                Map.of("Content-Type", "application/x-www-form-urlencoded", "Content-Length", "100000"), null);
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.body()).contains("<errors><error><code>413</code>");
    }
}
