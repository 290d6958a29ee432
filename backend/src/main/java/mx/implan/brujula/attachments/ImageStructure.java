package mx.implan.brujula.attachments;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks that an image file is complete — the last bytes a camera writes are there — without
 * decoding any pixel: JPEG markers are walked to the end-of-image marker (entropy-coded data is
 * scanned, not decoded), PNG chunks to IEND, and a WebP file must be as long as its RIFF header
 * says. A connection cut mid-photo, or a file saved half-way, fails here. Also reads the EXIF
 * orientation of a JPEG on the way.
 */
public final class ImageStructure {

    private ImageStructure() {
    }

    /** Whether the file holds a complete image of {@code format}. */
    public static boolean complete(Path file, ImageFormat format) throws IOException {
        try (Scanner in = new Scanner(Files.newInputStream(file))) {
            return switch (format) {
                case JPEG -> jpegComplete(in);
                case PNG -> pngComplete(in);
                case WEBP -> webpComplete(in, Files.size(file));
            };
        } catch (EOFException truncated) {
            return false;
        }
    }

    /** EXIF orientation (1–8) of a JPEG; 1 when absent or unreadable. */
    public static int jpegOrientation(Path file) {
        try (Scanner in = new Scanner(Files.newInputStream(file))) {
            if (in.read() != 0xFF || in.read() != 0xD8) {
                return 1;
            }
            while (true) {
                int marker = nextMarker(in);
                if (marker == 0xDA || marker == 0xD9) {
                    return 1; // EXIF comes before the image data
                }
                if (standalone(marker)) {
                    continue;
                }
                int length = in.u16();
                if (length < 2) {
                    return 1;
                }
                if (marker == 0xE1 && length > 8) {
                    byte[] segment = in.bytes(length - 2);
                    if (segment[0] == 'E' && segment[1] == 'x' && segment[2] == 'i' && segment[3] == 'f' && segment[4] == 0 && segment[5] == 0) {
                        return Exif.orientation(segment, 6);
                    }
                } else {
                    in.skip(length - 2);
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            return 1;
        }
    }

    private static boolean jpegComplete(Scanner in) throws IOException {
        if (in.read() != 0xFF || in.read() != 0xD8) {
            return false;
        }
        int marker = nextMarker(in);
        while (true) {
            if (marker == 0xD9) {
                return true;
            }
            if (standalone(marker)) {
                marker = nextMarker(in);
                continue;
            }
            int length = in.u16();
            if (length < 2) {
                return false;
            }
            in.skip(length - 2);
            marker = marker == 0xDA ? afterEntropyData(in) : nextMarker(in);
        }
    }

    private static boolean standalone(int marker) {
        return marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7);
    }

    /** The marker after entropy-coded data: 0xFF00 is a stuffed byte and RSTn markers belong to the data. */
    private static int afterEntropyData(Scanner in) throws IOException {
        while (true) {
            int b = in.read();
            if (b != 0xFF) {
                continue;
            }
            int m = in.read();
            while (m == 0xFF) {
                m = in.read();
            }
            if (m != 0x00 && !(m >= 0xD0 && m <= 0xD7)) {
                return m;
            }
        }
    }

    private static int nextMarker(Scanner in) throws IOException {
        int b = in.read();
        if (b != 0xFF) {
            throw new EOFException("not a marker"); // corrupt: treated like an incomplete file
        }
        int m = in.read();
        while (m == 0xFF) {
            m = in.read();
        }
        return m;
    }

    private static boolean pngComplete(Scanner in) throws IOException {
        in.skip(8);
        while (true) {
            long length = in.u32();
            int type = (int) in.u32();
            if (length > Integer.MAX_VALUE) {
                return false;
            }
            in.skip(length + 4); // data and CRC
            if (type == 0x49454E44) { // IEND
                return true;
            }
        }
    }

    private static boolean webpComplete(Scanner in, long fileSize) throws IOException {
        in.skip(4);
        long riffSize = Long.reverseBytes(in.u32() << 32) & 0xFFFFFFFFL;
        return fileSize >= riffSize + 8;
    }

    /** A buffered byte reader that throws {@link EOFException} at the end instead of returning -1. */
    private static final class Scanner implements AutoCloseable {
        private final InputStream in;
        private final byte[] buffer = new byte[64 * 1024];
        private int pos;
        private int limit;

        Scanner(InputStream in) {
            this.in = in;
        }

        int read() throws IOException {
            if (pos == limit) {
                limit = in.read(buffer, 0, buffer.length);
                pos = 0;
                if (limit <= 0) {
                    limit = 0;
                    throw new EOFException();
                }
            }
            return buffer[pos++] & 0xFF;
        }

        int u16() throws IOException {
            return (read() << 8) | read();
        }

        long u32() throws IOException {
            return ((long) u16() << 16) | u16();
        }

        byte[] bytes(int n) throws IOException {
            byte[] out = new byte[n];
            for (int i = 0; i < n; i++) {
                out[i] = (byte) read();
            }
            return out;
        }

        void skip(long n) throws IOException {
            long buffered = Math.min(n, limit - pos);
            pos += (int) buffered;
            long rest = n - buffered;
            while (rest > 0) {
                long skipped = in.skip(rest);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        throw new EOFException();
                    }
                    skipped = 1;
                }
                rest -= skipped;
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
