package mx.implan.brujula.attachments;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Structure checks of a stored image file, without decoding any pixel: whether it is complete
 * (the same walk an upload does while streaming, {@link StructureWatch}) and the EXIF orientation
 * of a JPEG.
 */
public final class ImageStructure {

    private ImageStructure() {
    }

    /** Whether the file holds a complete image of {@code format} (see {@link StructureWatch}). */
    public static boolean complete(Path file, ImageFormat format) throws IOException {
        StructureWatch watch = new StructureWatch(format);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while (!watch.broken() && (n = in.read(buffer)) >= 0) {
                watch.update(buffer, 0, n);
            }
        }
        return watch.complete();
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

    private static boolean standalone(int marker) {
        return marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7);
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
                fill();
            }
            return buffer[pos++] & 0xFF;
        }

        private void fill() throws IOException {
            limit = in.read(buffer, 0, buffer.length);
            pos = 0;
            if (limit <= 0) {
                limit = 0;
                throw new EOFException();
            }
        }

        int u16() throws IOException {
            return (read() << 8) | read();
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
