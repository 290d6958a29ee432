package mx.implan.brujula.app.storage;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A file body behind a one-line header that carries its length and SHA-256:
 * {@code BRJ2 <sha256 hex> <length>\n<body>}. Renames are atomic, so a torn file should never appear; the
 * checksum is there for what renames cannot prevent (a failing flash cell, a file edited or truncated by
 * hand, a copy interrupted by a backup tool), so such a file is reported instead of read as if it were whole.
 */
public final class ChecksummedFile {

    /** Magic of the current envelope; files without it are from format 1 (see the journal's migration). */
    public static final String MAGIC = "BRJ2";
    private static final byte[] MAGIC_BYTES = (MAGIC + " ").getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_HEADER = 128;

    private ChecksummedFile() {
    }

    public static byte[] encode(byte[] body) {
        Objects.requireNonNull(body, "body");
        String sha = HexFormat.of().formatHex(AtomicFiles.sha256().digest(body));
        byte[] header = (MAGIC + " " + sha + " " + body.length + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] file = Arrays.copyOf(header, header.length + body.length);
        System.arraycopy(body, 0, file, header.length, body.length);
        return file;
    }

    /** True when {@code file} starts with the envelope's magic (whatever the state of the rest). */
    public static boolean hasEnvelope(byte[] file) {
        return file.length >= MAGIC_BYTES.length
                && Arrays.equals(file, 0, MAGIC_BYTES.length, MAGIC_BYTES, 0, MAGIC_BYTES.length);
    }

    /**
     * The body, after checking length and hash.
     *
     * @throws CorruptFileException when the header is missing or malformed, or the body is short, long or altered
     */
    public static byte[] decode(byte[] file) {
        if (!hasEnvelope(file)) {
            throw new CorruptFileException("no " + MAGIC + " header");
        }
        int newline = -1;
        for (int i = 0; i < Math.min(file.length, MAX_HEADER); i++) {
            if (file[i] == '\n') {
                newline = i;
                break;
            }
        }
        if (newline < 0) {
            throw new CorruptFileException("header not terminated");
        }
        String[] header = new String(file, 0, newline, StandardCharsets.US_ASCII).split(" ");
        if (header.length != 3 || header[1].length() != 64) {
            throw new CorruptFileException("malformed header");
        }
        long length;
        try {
            length = Long.parseLong(header[2]);
        } catch (NumberFormatException e) {
            throw new CorruptFileException("malformed length");
        }
        int bodyLength = file.length - newline - 1;
        if (length != bodyLength) {
            throw new CorruptFileException("body has " + bodyLength + " bytes, header says " + length);
        }
        byte[] body = Arrays.copyOfRange(file, newline + 1, file.length);
        String actual = HexFormat.of().formatHex(AtomicFiles.sha256().digest(body));
        if (!actual.equals(header[1])) {
            throw new CorruptFileException("checksum mismatch");
        }
        return body;
    }

    /** The file does not hold what was written. */
    public static final class CorruptFileException extends RuntimeException {
        public CorruptFileException(String message) {
            super(message);
        }
    }
}
