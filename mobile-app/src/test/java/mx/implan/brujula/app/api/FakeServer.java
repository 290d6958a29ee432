package mx.implan.brujula.app.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A scripted stand-in for the backend in unit tests: each path answers through a handler, and every request
 * is recorded so tests can assert what the client sent. Integration tests use the real backend instead.
 */
public final class FakeServer implements AutoCloseable {

    public static final ObjectMapper JSON = new ObjectMapper();

    public record Request(String method, String path, String query, Headers headers, byte[] body) {
        public String header(String name) {
            return headers.getFirst(name);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public record Answer(int status, String contentType, String body, Map<String, String> headers) {
        Answer(int status, String contentType, String body) {
            this(status, contentType, body, Map.of());
        }

        public static Answer json(int status, String body) {
            return new Answer(status, "application/json", body);
        }

        public static Answer problem(int status, String body) {
            return new Answer(status, "application/problem+json", body);
        }
    }

    @FunctionalInterface
    public interface Handler {
        Answer handle(Request request) throws Exception;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
    private final Map<String, Handler> prefixHandlers = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    public FakeServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::serve);
        server.start();
    }

    /** Answers every path starting with {@code prefix} that has no exact handler (e.g. one per photo hash). */
    public FakeServer onPrefix(String prefix, Handler handler) {
        prefixHandlers.put(prefix, handler);
        return this;
    }

    /** Answers {@code path} (without query) with {@code handler}. */
    public FakeServer on(String path, Handler handler) {
        handlers.put(path, handler);
        return this;
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(),
                    exchange.getRequestBody().readAllBytes());
            requests.add(request);
            Handler handler = handlers.get(request.path());
            if (handler == null) {
                handler = prefixHandlers.entrySet().stream().filter(e -> request.path().startsWith(e.getKey()))
                        .map(Map.Entry::getValue).findFirst().orElse(null);
            }
            Answer answer;
            try {
                answer = handler == null ? Answer.problem(404, "{\"status\":404,\"code\":\"NOT_FOUND\"}")
                        : handler.handle(request);
            } catch (Exception e) {
                answer = Answer.problem(500, "{\"status\":500,\"code\":\"FAKE_FAILED\",\"detail\":\"" + e + "\"}");
            }
            byte[] body = answer.body() == null ? new byte[0] : answer.body().getBytes(StandardCharsets.UTF_8);
            answer.headers().forEach(exchange.getResponseHeaders()::set);
            if (answer.contentType() != null) {
                exchange.getResponseHeaders().set("Content-Type", answer.contentType());
            }
            exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
