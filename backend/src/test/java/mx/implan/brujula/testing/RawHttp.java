package mx.implan.brujula.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP exchange over a plain socket, for what a client library would never send: a request
 * without Host, a head or body that stops half-way, a length the body never reaches.
 */
public final class RawHttp implements AutoCloseable {

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
        return answer.toString(StandardCharsets.UTF_8);
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
