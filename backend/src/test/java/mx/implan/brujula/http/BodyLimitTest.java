package mx.implan.brujula.http;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A body announced over the HTTP layer's limit is refused before anything of it is read, in the
 * API's error format (Quarkus alone answers a bare 413), and the connection is closed.
 */
@QuarkusTest
class BodyLimitTest {

    @TestHTTPResource("/")
    URL base;
    @Inject
    BodyLimit limit;

    /** Sends only the request head announcing {@code max + 1} bytes; returns the whole answer (the server closes). */
    private String announceTooMuch(String method, String path, String acceptLanguage) throws Exception {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Accept-Language: " + acceptLanguage + "\r\nContent-Length: " + (limit.max() + 1) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theApiAnswersProblemJsonNamingTheLimit() throws Exception {
        String answer = announceTooMuch("POST", "/api/v1/sync/push", "es");
        assertThat(answer).startsWith("HTTP/1.1 413");
        assertThat(answer).containsIgnoringCase("content-type: application/problem+json")
                .containsIgnoringCase("connection: close")
                .contains("\"code\":\"PAYLOAD_TOO_LARGE\"")
                .contains("\"maxBodyBytes\":" + limit.max())
                .contains("excede el límite")
                .contains("\"instance\":\"/api/v1/sync/push\"");
    }

    @Test
    void anyPathIsRefusedTheSameWayEvenWithoutAnEndpoint() throws Exception {
        assertThat(announceTooMuch("PUT", "/api/v1/attachments/" + "a".repeat(64), "en"))
                .startsWith("HTTP/1.1 413").contains("\"code\":\"PAYLOAD_TOO_LARGE\"").contains("exceeds the limit");
        assertThat(announceTooMuch("POST", "/no/such/path", "en")).startsWith("HTTP/1.1 413");
    }

    @Test
    void open311AnswersInTheSpecsFormatByExtension() throws Exception {
        String json = announceTooMuch("POST", "/open311/v2/requests.json", "es");
        assertThat(json).startsWith("HTTP/1.1 413").containsIgnoringCase("content-type: application/json")
                .contains("[{\"code\":413,\"description\":\"La solicitud excede el límite de " + limit.max() + " bytes\"}]");
        String xml = announceTooMuch("POST", "/open311/v2/requests.xml", "en");
        assertThat(xml).startsWith("HTTP/1.1 413").containsIgnoringCase("content-type: text/xml")
                .contains("<errors><error><code>413</code><description>The request exceeds the limit of "
                        + limit.max() + " bytes</description></error></errors>");
    }

    @Test
    void aBodyWithinTheLimitGoesOnToItsEndpoint() throws Exception {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/sync/push HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Connection: close\r\nContent-Length: 2\r\n\r\n{}").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 401"); // past the limit check: the endpoint wants a token
        }
    }
}
