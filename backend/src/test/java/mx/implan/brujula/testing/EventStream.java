package mx.implan.brujula.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A server-sent events client for tests: opens the stream with java.net.http, reads its lines on a
 * thread of its own and hands out whole events, each read with a deadline (never a sleep).
 */
public final class EventStream implements AutoCloseable {

    /** One event: its fields, and the comment lines that came before it. */
    public record Event(String id, String name, String data, List<String> comments) {
    }

    private final HttpResponse<Stream<String>> response;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Thread reader;

    private EventStream(HttpResponse<Stream<String>> response) {
        this.response = response;
        this.reader = new Thread(() -> {
            try (Stream<String> body = response.body()) {
                body.forEach(lines::add);
            } catch (RuntimeException closed) {
                // the test closed the stream
            }
        }, "sse-test-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens the stream; {@code lastEventId} may be null. Returns once the status and headers arrived. */
    public static EventStream open(URI uri, String bearer, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET()
                .timeout(Duration.ofSeconds(20));
        if (bearer != null) {
            request.header("Authorization", bearer);
        }
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        try {
            return new EventStream(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
                    .send(request.build(), HttpResponse.BodyHandlers.ofLines()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int status() {
        return response.statusCode();
    }

    public String header(String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    /** The next event with data, waiting at most {@code timeout}; comment-only blocks are collected into it. */
    public Event next(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String id = null;
        String name = null;
        StringBuilder data = null;
        List<String> comments = new ArrayList<>();
        while (true) {
            String line = poll(deadline);
            if (line.isEmpty()) {
                if (data != null) {
                    return new Event(id, name, data.toString(), List.copyOf(comments));
                }
                continue;
            }
            if (line.startsWith(":")) {
                comments.add(line.substring(1).strip());
            } else if (line.startsWith("id:")) {
                id = line.substring(3).strip();
            } else if (line.startsWith("event:")) {
                name = line.substring(6).strip();
            } else if (line.startsWith("data:")) {
                data = (data == null ? new StringBuilder() : data.append('\n')).append(line.substring(5).stripLeading());
            }
        }
    }

    /** The next event whose data matches, skipping others (other tests' alerts). */
    public Event next(Predicate<Event> wanted, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Event e = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (wanted.test(e)) {
                return e;
            }
        }
    }

    /** Waits for a comment line with this text. */
    public void awaitComment(String text, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String line;
        do {
            line = poll(deadline);
        } while (!(line.startsWith(":") && line.substring(1).strip().equals(text)));
    }

    private String poll(long deadline) {
        try {
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("no line from the event stream in time");
            }
            return line;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        reader.interrupt();
        try {
            response.body().close();
        } catch (RuntimeException ignored) {
            // already closed
        }
    }
}
