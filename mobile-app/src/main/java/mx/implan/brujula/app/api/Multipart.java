package mx.implan.brujula.app.api;

import java.io.FileNotFoundException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@code multipart/form-data} body (RFC 7578) whose file parts are streamed from disk: the JDK's HttpClient has
 * no multipart builder, so the body is the concatenation of small in-memory parts (headers, text fields) and
 * {@link HttpRequest.BodyPublishers#ofFile file publishers}; a photo is never read whole into memory, and the
 * length is known (no chunked encoding). The boundary is given, so a resend of the same write is byte for byte
 * the same request.
 */
final class Multipart {

    private final String boundary;
    private final List<HttpRequest.BodyPublisher> parts = new ArrayList<>();
    private final StringBuilder pending = new StringBuilder();

    Multipart(String boundary) {
        if (!boundary.matches("[0-9A-Za-z'()+_,./:=?-]{1,70}")) {
            throw new IllegalArgumentException("Not a multipart boundary: " + boundary);
        }
        this.boundary = boundary;
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    /** A text field, UTF-8. */
    Multipart field(String name, String value) {
        pending.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(quoted(name)).append("\"\r\n")
                .append("Content-Type: text/plain; charset=UTF-8\r\n\r\n")
                .append(Objects.requireNonNull(value, name)).append("\r\n");
        return this;
    }

    /** A file field streamed from {@code file}. */
    Multipart file(String name, String fileName, String mediaType, Path file) {
        pending.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(quoted(name))
                .append("\"; filename=\"").append(quoted(fileName)).append("\"\r\n")
                .append("Content-Type: ").append(mediaType).append("\r\n\r\n");
        flush();
        try {
            parts.add(HttpRequest.BodyPublishers.ofFile(file));
        } catch (FileNotFoundException e) {
            throw new IllegalArgumentException("No file " + file, e);
        }
        pending.append("\r\n");
        return this;
    }

    HttpRequest.BodyPublisher publisher() {
        pending.append("--").append(boundary).append("--\r\n");
        flush();
        return HttpRequest.BodyPublishers.concat(parts.toArray(HttpRequest.BodyPublisher[]::new));
    }

    private void flush() {
        if (!pending.isEmpty()) {
            parts.add(HttpRequest.BodyPublishers.ofByteArray(pending.toString().getBytes(StandardCharsets.UTF_8)));
            pending.setLength(0);
        }
    }

    /** Field and file names go inside quotes: a quote, CR or LF in them would end the header early. */
    private static String quoted(String s) {
        return s.replace("\\", "\\\\").replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
    }
}
