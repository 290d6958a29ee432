package mx.implan.brujula.hostile;

import mx.implan.brujula.testing.Items;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Framing attacks on raw sockets against the packaged backend (idle timeout {@value HostileBackend#IDLE_TIMEOUT_SECONDS}
 * s): requests without Host, broken request lines and heads, oversized heads, announced sizes over a route's limit
 * (refused before reading, at once), bodies cut short or stopping half-way (4xx, nothing written), slow heads.
 * Where Vert.x answers before a request exists (431, 414, an unparsable head) the answer has no body and no format,
 * as docs/api.md says; the suite then only checks that it is a 4xx (or a closed connection) and leaks nothing.
 */
class RawFramingIT {

    private static final int IDLE_MILLIS = HostileBackend.IDLE_TIMEOUT_SECONDS * 1000;

    private final HostileBackend backend = HostileBackend.get();

    /** What came back and how long it took. */
    record Timed(Reply reply, Duration took, boolean closedWithoutAnswer) {
    }

    @Test
    void http10WithoutHostIs400HostRequiredInEachRoutesFormat() {
        String push = Items.batch(Items.risk(UUID.randomUUID()));
        List<String> requests = List.of(
                "GET /api/v1/observations HTTP/1.0\r\nAuthorization: " + backend.bearer("inspector") + "\r\n\r\n",
                "GET /api/v1/works HTTP/1.0\r\n\r\n",
                "POST /api/v1/auth/token HTTP/1.0\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}",
                "POST /api/v1/sync/push HTTP/1.0\r\nAuthorization: " + backend.bearer("inspector")
                        + "\r\nContent-Type: application/json\r\nContent-Length: " + push.length() + "\r\n\r\n" + push,
                "GET /open311/v2/requests.json HTTP/1.0\r\n\r\n",
                "GET /open311/v2/services.xml HTTP/1.0\r\n\r\n",
                "POST /open311/v2/requests.xml HTTP/1.0\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 5\r\n\r\nlat=1",
                "GET /api/v1/nada HTTP/1.1\r\nConnection: close\r\n\r\n");
        DataFingerprint before = DataFingerprint.of(backend);
        for (String request : requests) {
            Reply r = RawReply.exchange(backend.client.base(), request, 20_000);
            String path = request.split(" ")[1];
            Answer.check(path, r);
            assertThat(r.status()).as(r.describe()).isEqualTo(400);
            if (!path.startsWith("/open311/")) {
                assertThat(r.body()).as(r.describe()).contains("\"code\":\"HOST_REQUIRED\"");
            }
        }
        assertThat(before.differences(DataFingerprint.of(backend))).isEmpty();
    }

    @Test
    void brokenRequestLinesAndHeadsAreRefusedWithoutAnything() {
        List<String> requests = List.of("GARBAGE\r\n\r\n", "GET\r\n\r\n", "GET /api/v1/works HTTP/1.1 extra\r\nHost: x\r\n\r\n",
                "\u0000\u0001\u0002\r\n\r\n", "GET /api/v1/works HTTP/1.1\r\nHost: x\r\nNo colon here\r\n\r\n",
                "GET /api/v1/works HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
                "POST /api/v1/sync/push HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 7\r\n\r\n12345",
                "POST /api/v1/sync/push HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n",
                "GET /" + "a".repeat(5_000) + " HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET /api/v1/works HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(25_000) + "\r\n\r\n");
        for (String request : requests) {
            Timed t = exchange(request, null, false);
            if (t.closedWithoutAnswer()) {
                continue;
            }
            Reply r = t.reply();
            Answer.noLeak(r);
            assertThat(r.status()).as(r.describe()).isBetween(400, 499);
            if (r.status() != 400 && r.status() != 414 && r.status() != 431 || !r.body().isEmpty()) {
                // a request that reached the application: then it is in the API's format
                Answer.check("/api/v1/", r);
            }
        }
    }

    @Test
    void aPushAnnouncingElevenMebibytesIsRefusedAtOnce() {
        Timed t = exchange("POST /api/v1/sync/push HTTP/1.1\r\nHost: x\r\nAuthorization: " + backend.bearer("inspector")
                + "\r\nContent-Type: application/json\r\nContent-Length: " + 11 * 1024 * 1024 + "\r\n\r\n", null, false);
        Answer.check("/api/v1/sync/push", t.reply());
        assertThat(t.reply().status()).as(t.reply().describe()).isEqualTo(413);
        assertThat(t.reply().body()).contains("\"maxBytes\":10485760");
        assertThat(t.took()).as("refused before reading").isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void anOpen311FormAnnouncing100KilobytesIsRefusedAtOnce() {
        for (String format : List.of("json", "xml")) {
            Timed t = exchange("POST /open311/v2/requests." + format + " HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\n", null, false);
            Answer.check("/open311/v2/requests." + format, t.reply());
            assertThat(t.reply().status()).as(t.reply().describe()).isEqualTo(413);
            assertThat(t.took()).as("refused before reading").isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void aPushCutShortAndHalfClosedIs4xxAndWritesNothing() {
        String body = Items.batch(Items.risk(UUID.randomUUID()), Items.risk(UUID.randomUUID()));
        DataFingerprint before = DataFingerprint.of(backend);
        Timed t = exchange(head("/api/v1/sync/push", body.length()) + body.substring(0, body.length() / 2), null, true);
        // Netty closes a connection whose input ended (no half-closure): the server cannot answer a client that
        // half-closed, so "closed" is acceptable here; what must hold is no 5xx and nothing of the batch stored.
        if (!t.closedWithoutAnswer()) {
            Answer.check("/api/v1/sync/push", t.reply());
            assertThat(t.reply().status()).as(t.reply().describe()).isBetween(400, 499);
        }
        assertThat(before.differences(DataFingerprint.of(backend))).as("a push cut short wrote").isEmpty();
    }

    @Test
    void aBodyThatStopsArrivingIs408WithinTheIdleTimeoutAndWritesNothing() {
        String body = Items.batch(Items.risk(UUID.randomUUID()));
        DataFingerprint before = DataFingerprint.of(backend);
        Timed push = exchange(head("/api/v1/sync/push", body.length()) + body.substring(0, 40), null, false);
        Answer.check("/api/v1/sync/push", push.reply());
        assertThat(push.reply().status()).as(push.reply().describe()).isEqualTo(408);
        assertThat(push.took()).isBetween(Duration.ofMillis(IDLE_MILLIS - 500), Duration.ofMillis(IDLE_MILLIS + 5_000));
        String form = new String(HostileBackend.form(HostileBodies.report()), StandardCharsets.UTF_8);
        Timed report = exchange("POST /open311/v2/requests.xml HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded"
                + "\r\nContent-Length: " + form.length() + "\r\n\r\n" + form.substring(0, 10), null, false);
        Answer.check("/open311/v2/requests.xml", report.reply());
        assertThat(report.reply().status()).as(report.reply().describe()).isEqualTo(408);
        assertThat(before.differences(DataFingerprint.of(backend))).isEmpty();
    }

    @Test
    void aHeadThatNeverEndsIsClosedWithinTheIdleTimeout() {
        Timed t = exchange("POST /api/v1/sync/push HTTP/1.1\r\nHost: x\r\nAuthorization: Bear", null, false);
        assertThat(t.closedWithoutAnswer() || t.reply().status() == 408 || t.reply().status() == 400)
                .as("closed, 408 or 400: " + (t.reply() == null ? "" : t.reply().describe())).isTrue();
        assertThat(t.took()).isLessThan(Duration.ofMillis(IDLE_MILLIS + 5_000));
    }

    @Test
    void aSlowButSteadyBodyIsServed() throws Exception {
        String body = Items.batch(Items.risk(UUID.randomUUID()));
        byte[] bytes = (head("/api/v1/sync/push", body.getBytes(StandardCharsets.UTF_8).length) + body).getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(backend.client.base().getHost(), backend.client.base().getPort())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            int step = bytes.length / 3 + 1;
            for (int at = 0; at < bytes.length; at += step) {
                out.write(bytes, at, Math.min(step, bytes.length - at));
                out.flush();
                Thread.sleep(IDLE_MILLIS / 2); // the pace of a slow client, each pause shorter than the idle timeout
            }
            Reply r = RawReply.parse("slow push", read(socket.getInputStream()));
            Answer.check("/api/v1/sync/push", r);
            assertThat(r.status()).as(r.describe()).isEqualTo(200);
        }
    }

    private String head(String path, int length) {
        return "POST " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: " + backend.bearer("inspector")
                + "\r\nContent-Type: application/json\r\nContent-Length: " + length + "\r\n\r\n";
    }

    /** Sends {@code request} (then half-closes when asked) and reads until the server closes. */
    private Timed exchange(String request, byte[] more, boolean halfClose) {
        long start = System.nanoTime();
        try (Socket socket = new Socket(backend.client.base().getHost(), backend.client.base().getPort())) {
            socket.setSoTimeout(IDLE_MILLIS + 20_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            if (more != null) {
                out.write(more);
            }
            out.flush();
            if (halfClose) {
                socket.shutdownOutput();
            }
            String answer = read(socket.getInputStream());
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            String shown = request.length() > 200 ? request.substring(0, 200) + "…" : request;
            if (answer.isEmpty()) {
                return new Timed(null, took, true);
            }
            return new Timed(RawReply.parse(shown, answer), took, false);
        } catch (IOException e) {
            return new Timed(null, Duration.ofNanos(System.nanoTime() - start), true);
        }
    }

    /** Reads until the server closes, or until a whole answer with a {@code Content-Length} arrived. */
    private static String read(InputStream in) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                answer.write(buffer, 0, n);
                if (complete(answer.toString(StandardCharsets.ISO_8859_1))) {
                    break;
                }
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("The server neither answered nor closed; got so far: " + answer.toString(StandardCharsets.UTF_8));
        } catch (IOException reset) {
            // a reset after (or instead of) the answer
        }
        return answer.toString(StandardCharsets.UTF_8);
    }

    private static boolean complete(String sofar) {
        int blank = sofar.indexOf("\r\n\r\n");
        if (blank < 0) {
            return false;
        }
        for (String line : sofar.substring(0, blank).split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                return sofar.length() - blank - 4 >= Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
            }
        }
        return false;
    }
}
