package mx.implan.brujula.hostile;

import mx.implan.brujula.testing.RawHttp;

import java.io.ByteArrayOutputStream;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** A request written byte for byte on a socket, and the answer read until the server closes, as a {@link Reply}. */
final class RawReply {

    private RawReply() {
    }

    /** Sends {@code request} as written and reads until the connection closes (within {@code timeoutMillis}). */
    static Reply exchange(URI base, String request, int timeoutMillis) {
        try (RawHttp http = RawHttp.connect(url(base), timeoutMillis)) {
            return parse(request, http.send(request.getBytes(StandardCharsets.UTF_8)).readBytesToClose());
        }
    }

    /** A GET of {@code target} (written as is: no encoding, no normalisation) with Host, closing the connection. */
    static Reply get(URI base, String target, String bearer) {
        return exchange(base, "GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + (bearer == null ? "" : "Authorization: " + bearer + "\r\n") + "\r\n", 20_000);
    }

    static URL url(URI base) {
        try {
            return base.toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** As {@link #parse(String, byte[])}, for an answer already read as text. */
    static Reply parse(String request, String answer) {
        return parse(request, answer.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The status line, headers and (de-chunked) body of a whole HTTP/1.x answer. Chunks are counted in
     * bytes and may split a UTF-8 character, so the body is decoded only once the chunks are joined.
     */
    static Reply parse(String request, byte[] bytes) {
        String answer = new String(bytes, StandardCharsets.ISO_8859_1);
        String shown = request.length() > 300 ? request.substring(0, 300) + "…" : request;
        int blank = answer.indexOf("\r\n\r\n");
        if (!answer.startsWith("HTTP/1.") || blank < 0) {
            return new Reply(shown, 0, "", new String(bytes, StandardCharsets.UTF_8), HttpHeaders.of(Map.of(), (a, b) -> true));
        }
        String[] lines = answer.substring(0, blank).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(lines[i].substring(0, colon).strip(), k -> new ArrayList<>())
                        .add(lines[i].substring(colon + 1).strip());
            }
        }
        byte[] raw = java.util.Arrays.copyOfRange(bytes, blank + 4, bytes.length);
        List<String> encoding = headers.getOrDefault("Transfer-Encoding", List.of());
        String body = !encoding.isEmpty() && encoding.get(0).toLowerCase(Locale.ROOT).contains("chunked")
                ? dechunk(raw) : new String(raw, StandardCharsets.UTF_8);
        List<String> type = headers.getOrDefault("Content-Type", List.of(""));
        return new Reply(shown, status, type.get(0), body, HttpHeaders.of(headers, (a, b) -> true));
    }

    private static String dechunk(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int at = 0;
        while (at < text.length()) {
            int eol = text.indexOf("\r\n", at);
            if (eol < 0) {
                break;
            }
            int size = Integer.parseInt(text.substring(at, eol).split(";")[0].strip(), 16);
            if (size == 0) {
                break;
            }
            out.write(bytes, eol + 2, Math.min(size, bytes.length - eol - 2));
            at = eol + 2 + size + 2;
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
