package mx.implan.brujula.hostile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** HTTP/1.1 requests to the hostile backend, bodies as bytes (they need not be text). */
final class Client {

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    Client(URI base) {
        this.base = base;
    }

    URI base() {
        return base;
    }

    Reply get(String path, String bearer) {
        return send("GET", path, bearer, Map.of(), null);
    }

    Reply json(String method, String path, String bearer, String body) {
        return send(method, path, bearer, Map.of("Content-Type", "application/json"), body.getBytes(StandardCharsets.UTF_8));
    }

    Reply json(String method, String path, String bearer, byte[] body) {
        return send(method, path, bearer, Map.of("Content-Type", "application/json"), body);
    }

    /** {@code path} is sent as written (already encoded); {@code body} null sends none. */
    Reply send(String method, String path, String bearer, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path.startsWith("/") ? path.substring(1) : path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (bearer != null) {
            b.header("Authorization", bearer);
        }
        headers.forEach(b::header);
        String what = method + " " + path + (body == null ? "" : " " + preview(body));
        try {
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(what, r.statusCode(), r.headers().firstValue("Content-Type").orElse(""),
                    new String(r.body(), StandardCharsets.UTF_8), r.headers());
        } catch (IOException e) {
            throw new UncheckedIOException("No answer to " + what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String preview(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        return text.length() > 400 ? text.substring(0, 400) + "…(" + body.length + " bytes)" : text;
    }
}
