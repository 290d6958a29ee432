package mx.implan.brujula.http;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import mx.implan.brujula.attachments.AttachmentsConfig;
import mx.implan.brujula.sync.SyncConfig;
import mx.implan.brujula.testing.RawHttp;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A body announced over its limit — the HTTP layer's, or its route's own — is refused before
 * anything of it is read, in the API's error format (Quarkus alone answers a bare 413), and the
 * connection is closed.
 */
@QuarkusTest
class BodyLimitTest {

    @TestHTTPResource("/")
    URL base;
    @Inject
    BodyLimit limit;
    @Inject
    SyncConfig sync;
    @Inject
    AttachmentsConfig attachments;
    @Inject
    HttpConfig http;

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

    /** The head alone, announcing {@code length} bytes; returns the first answer. */
    private String announce(String method, String path, String contentType, long length, String extraHeaders) {
        try (RawHttp http = RawHttp.connect(base, 10_000)) {
            return http.send(method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + contentType
                    + "\r\n" + extraHeaders + "Content-Length: " + length + "\r\n\r\n").readAnswer();
        }
    }

    @Test
    void aPushAnnouncingMoreThanItsOwnLimitIsRefusedAtOnceNamingMaxBytes() {
        long max = sync.maxBytes();
        String answer = announce("POST", "/api/v1/sync/push", "application/json", max + 1, "");
        assertThat(answer).startsWith("HTTP/1.1 413").containsIgnoringCase("connection: close")
                .contains("\"code\":\"PAYLOAD_TOO_LARGE\"").contains("\"maxBytes\":" + max);
    }

    @Test
    void aClientThatWritesItsWholeBodyBeforeReadingStillGetsThe413() {
        long max = http.maxJsonBody().asLongValue();
        byte[] body = new byte[(int) max + 10];
        java.util.Arrays.fill(body, (byte) ' ');
        try (RawHttp client = RawHttp.connect(base, 20_000)) {
            client.send("POST /api/v1/auth/token HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n");
            client.send(body); // no broken pipe: the server reads the body through
            String answer = client.readToClose();
            assertThat(answer).startsWith("HTTP/1.1 413").contains("\"maxBytes\":" + max);
        }
    }

    @Test
    void aPhotoAnnouncingMoreThanItsLimitIsRefusedBeforeItIsSent() {
        long max = attachments.maxBytes();
        String answer = RawHttp.exchange(base, "PUT /api/v1/attachments/" + "a".repeat(64) + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: image/jpeg\r\nExpect: 100-continue\r\nContent-Length: " + (max + 1) + "\r\n\r\n");
        // The client waits for a go-ahead that does not come: answered and closed at once.
        assertThat(answer).startsWith("HTTP/1.1 413").contains("\"maxBytes\":" + max).doesNotContain("100 Continue");
    }

    @Test
    void otherJsonBodiesHaveTheSmallJsonLimitAnonymousSignInIncluded() {
        long max = http.maxJsonBody().asLongValue();
        assertThat(announce("POST", "/api/v1/auth/token", "application/json", max + 1, ""))
                .startsWith("HTTP/1.1 413").contains("\"maxBytes\":" + max);
        assertThat(announce("POST", "/api/v1/admin/users", "application/json; charset=utf-8", max + 1, ""))
                .startsWith("HTTP/1.1 413");
        assertThat(announce("POST", "/api/v1/auth/token", "application/json", max, "Expect: 100-continue\r\n"))
                .as("at the limit the client is told to go on").startsWith("HTTP/1.1 100");
        // The catalogue import is the one large upload besides photos and pushes (here refused for want of a token).
        assertThat(announce("POST", "/api/v1/works/import", "application/geo+json", max + 1, "")).startsWith("HTTP/1.1 401");
    }

    @Test
    void aChunkedBodyThatEndsInTheMiddleOfTheJsonIs400() {
        String answer = RawHttp.exchange(base, "POST /api/v1/auth/token HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + "5\r\n{\"use\r\n0\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 400").contains("\"code\":\"MALFORMED_JSON\"");
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
