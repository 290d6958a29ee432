package mx.implan.brujula.app.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import mx.implan.brujula.model.ClientVersion;
import mx.implan.brujula.model.json.WireJson;

/**
 * HTTP plumbing shared by sign-in and sync: headers every request carries, JSON in and out, and turning
 * failures into the client's exceptions. Knows nothing about tokens beyond putting one in a header.
 */
final class ApiTransport {

    private static final String JSON = "application/json";

    private final HttpClient http;
    private final URI base;
    private final String clientHeader;
    private final String language;
    private final Timeouts timeouts;
    // The device writes exactly what the server's strict reader expects; it reads leniently because the
    // server may be newer than the app (unknown fields and enum values must not break sync).
    private final ObjectMapper writer = WireJson.strict();
    private final ObjectMapper reader = WireJson.lenient();
    private final ProblemParser problems = new ProblemParser(reader);

    ApiTransport(URI base, ClientVersion version, Locale locale, Timeouts timeouts) {
        this.base = base;
        this.clientHeader = version.toString();
        this.language = locale.toLanguageTag();
        this.timeouts = timeouts;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeouts.connect())
                // Never follow redirects: one to another host or to plain HTTP would carry the bearer token along.
                .followRedirects(HttpClient.Redirect.NEVER)
                // HTTP/2 is negotiated over TLS (ALPN). Plain http only ever reaches loopback, where the
                // cleartext upgrade dance (h2c) buys nothing and some servers mishandle it on POSTs with a body.
                .version("https".equals(base.getScheme()) ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
                .build();
    }

    HttpRequest get(String pathAndQuery, String bearer) {
        return builder(pathAndQuery, bearer).GET().build();
    }

    HttpRequest post(String path, byte[] json, String bearer) {
        return builder(path, bearer)
                .header("Content-Type", JSON)
                .POST(HttpRequest.BodyPublishers.ofByteArray(json))
                .build();
    }

    /** A PUT of a body read from elsewhere (a file: photos are streamed, never held in memory). */
    HttpRequest put(String path, String contentType, HttpRequest.BodyPublisher body, String bearer) {
        return builder(path, bearer)
                .header("Content-Type", contentType)
                .PUT(body)
                .build();
    }

    HttpRequest head(String path, String bearer) {
        return builder(path, bearer).method("HEAD", HttpRequest.BodyPublishers.noBody()).build();
    }

    /** A form POST (Open311), with extra headers such as {@code Idempotency-Key}. */
    HttpRequest postForm(String path, String form, java.util.Map<String, String> headers, String bearer) {
        HttpRequest.Builder b = builder(path, bearer)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form, java.nio.charset.StandardCharsets.UTF_8));
        headers.forEach(b::header);
        return b.build();
    }

    /** A POST of a body built elsewhere (a multipart form streamed from files), with extra headers. */
    HttpRequest postBody(String path, String contentType, HttpRequest.BodyPublisher body,
                         java.util.Map<String, String> headers, String bearer) {
        HttpRequest.Builder b = builder(path, bearer)
                .header("Content-Type", contentType)
                .POST(body);
        headers.forEach(b::header);
        return b.build();
    }

    ObjectMapper reader() {
        return reader;
    }

    private HttpRequest.Builder builder(String pathAndQuery, String bearer) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(pathAndQuery))
                .timeout(timeouts.request())
                .header("Accept", JSON + ", application/problem+json")
                .header("Accept-Language", language)
                .header(ClientVersion.HEADER, clientHeader);
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return b;
    }

    Reply send(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new TransportException(request.method() + " " + request.uri().getPath() + " failed: " + e, e);
        } catch (InterruptedException e) {
            // Keep the interrupt visible to the caller's thread (e.g. the sync engine being stopped).
            Thread.currentThread().interrupt();
            throw new TransportException(request.method() + " " + request.uri().getPath() + " interrupted", e);
        }
    }

    byte[] json(Object value) {
        try {
            return writer.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** Reads a successful answer, or throws the error it carries. */
    <T> T read(Reply reply, Class<T> type) {
        if (!reply.isSuccess()) {
            throw error(reply);
        }
        try {
            T value = reader.readValue(reply.body(), type);
            if (value == null) {
                throw new UnexpectedResponseException("Empty " + type.getSimpleName() + " from the server");
            }
            return value;
        } catch (IOException e) {
            throw new UnexpectedResponseException("Unreadable " + type.getSimpleName() + " from the server (HTTP "
                    + reply.status() + ", " + reply.contentType() + ")", e);
        }
    }

    Problem problem(Reply reply) {
        return problems.parse(reply);
    }

    /**
     * The exception for an error answer; 426 gets its own type because no retry can fix it, 503 because only
     * waiting (as long as {@code Retry-After} says) does.
     */
    ApiException error(Reply reply) {
        Problem problem = problem(reply);
        return switch (reply.status()) {
            case 426 -> new ClientTooOldException(problem);
            case 503 -> new ServerUnavailableException(problem, ServerUnavailableException.parseRetryAfter(
                    reply.headers() == null ? null : reply.headers().firstValue("Retry-After").orElse(null),
                    java.time.Instant.now()));
            default -> new ApiException(problem);
        };
    }
}
