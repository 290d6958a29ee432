package mx.implan.brujula.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP exchange over a plain socket, for what a client library would never send: a request
 * without Host, a head or body that stops half-way, a length the body never reaches, a body that is
 * not what its headers say (broken multipart), or a request from another client address (the socket
 * is bound to 127.0.0.x, all of which are this machine).
 */
public final class RawHttp implements AutoCloseable {

    /** One parsed answer: status, headers (names in lower case), body. */
    public record Answer(int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final Socket socket;

    private RawHttp(Socket socket) {
        this.socket = socket;
    }

    /** Connects to the server behind {@code base}; reads give up after {@code readTimeoutMillis}. */
    public static RawHttp connect(URL base, int readTimeoutMillis) {
        try {
            Socket socket = new Socket(base.getHost(), base.getPort());
            socket.setSoTimeout(readTimeoutMillis);
            return new RawHttp(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An HTTP/1.1 request with Host and {@code Connection: close} from the local address {@code from} to the test
     * server ({@code RestAssured.port}), parsed.
     */
    public static Answer send(String from, String method, String path, Map<String, String> headers, byte[] body) {
        try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), io.restassured.RestAssured.port,
                InetAddress.getByName(from), 0)) {
            socket.setSoTimeout(30_000);
            StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
            headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            if (body != null) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("\r\n");
            try (RawHttp http = new RawHttp(socket)) {
                http.send(head.toString());
                if (body != null) {
                    http.send(body);
                }
                return parse(http.readToClose());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An urlencoded form POSTed from the local address {@code from}. */
    public static Answer postForm(String from, String path, String form, Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Content-Type", "application/x-www-form-urlencoded");
        return send(from, "POST", path, all, form.getBytes(StandardCharsets.UTF_8));
    }

    /** Status line, headers and body of one whole answer. */
    public static Answer parse(String answer) {
        int end = answer.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new AssertionError("Not an HTTP answer: " + answer);
        }
        String[] lines = answer.substring(0, end).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
        }
        return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers, answer.substring(end + 4));
    }

    /** Sends the request as written, then returns the whole answer (until the server closes). */
    public static String exchange(URL base, String request) {
        try (RawHttp http = connect(base, 20_000)) {
            return http.send(request).readToClose();
        }
    }

    public RawHttp send(String text) {
        return send(text.getBytes(StandardCharsets.UTF_8));
    }

    public RawHttp send(byte[] bytes) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write(bytes);
            out.flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Everything the server sends until it closes the connection. A read timeout fails the test:
     * the server was expected to answer and close.
     */
    public String readToClose() {
        return new String(readBytesToClose(), StandardCharsets.UTF_8);
    }

    /** The answer's bytes until the server closes (a chunked body may split a UTF-8 character between chunks). */
    public byte[] readBytesToClose() {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        try {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                answer.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException stillOpen) {
            throw new AssertionError("The server neither answered nor closed the connection; got so far: "
                    + answer.toString(StandardCharsets.UTF_8));
        } catch (IOException reset) {
            // A reset after the answer is as good as a close.
        }
        return answer.toByteArray();
    }

    /**
     * One answer on a connection that stays open: the head, then as many body bytes as its
     * {@code Content-Length} says. A read timeout fails the test.
     */
    public String readAnswer() {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        try {
            InputStream in = socket.getInputStream();
            int b;
            while ((b = in.read()) >= 0) {
                answer.write(b);
                String sofar = answer.toString(StandardCharsets.ISO_8859_1);
                int blank = sofar.indexOf("\r\n\r\n");
                if (blank >= 0) {
                    long length = contentLength(sofar.substring(0, blank));
                    answer.write(in.readNBytes((int) length));
                    break;
                }
            }
        } catch (SocketTimeoutException stillOpen) {
            throw new AssertionError("No complete answer; got so far: " + answer.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return answer.toString(StandardCharsets.UTF_8);
    }

    private static long contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                return Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
            }
        }
        return 0;
    }

    /** The body of an answer (after the blank line). */
    public static String body(String answer) {
        int blank = answer.indexOf("\r\n\r\n");
        return blank < 0 ? "" : answer.substring(blank + 4);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a socket the server may already have closed
        }
    }
}
