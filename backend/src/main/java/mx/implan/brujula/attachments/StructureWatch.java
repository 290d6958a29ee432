package mx.implan.brujula.attachments;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Follows the structure of an image as its bytes stream past, without keeping them and without
 * decoding any pixel: JPEG markers to the end-of-image marker (entropy-coded data is scanned, not
 * decoded), PNG chunks to IEND, the length a WebP RIFF header announces. At the end it says
 * whether the image is complete — what a connection cut mid-photo, or a file saved half-way, is
 * not — and, on the way, where its header ends (after a JPEG frame header, the PNG IHDR chunk),
 * so the upload keeps just those first bytes for the header decode.
 */
final class StructureWatch {

    private enum State { SOI0, SOI1, MARKER_FF, MARKER_CODE, LENGTH_HI, LENGTH_LO, SKIP, ENTROPY, ENTROPY_FF,
        PNG_SIGNATURE, PNG_CHUNK_HEADER, WEBP, DONE, BAD }

    /** Little-endian 8-byte reads of a byte array, for {@link #nextFF}. */
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** Bytes of a WebP file that hold its dimensions (RIFF header and the VP8/VP8L/VP8X chunk header). */
    private static final int WEBP_HEADER = 30;

    private final ImageFormat format;
    private State state;
    private long position;
    private long skip;
    private int marker;
    private int lengthHigh;
    private final byte[] chunkHeader = new byte[8];
    private int chunkHeaderFill;
    private boolean lastChunkIsEnd;
    private long riffSize = -1;
    private long headerEnd = -1;

    StructureWatch(ImageFormat format) {
        this.format = format;
        this.state = switch (format) {
            case JPEG -> State.SOI0;
            case PNG -> State.PNG_SIGNATURE;
            case WEBP -> State.WEBP;
        };
        if (format == ImageFormat.PNG) {
            skip = 8;
        }
    }

    /** Whether the bytes seen so far form a complete image (trailing bytes after its end are ignored). */
    boolean complete() {
        if (format == ImageFormat.WEBP) {
            return riffSize >= 0 && position >= riffSize + 8;
        }
        return state == State.DONE;
    }

    /** How many leading bytes hold the header (dimensions); -1 while not seen yet. */
    long headerEnd() {
        return headerEnd;
    }

    /** Whether the structure is already broken (not a marker where one must be). */
    boolean broken() {
        return state == State.BAD;
    }

    void update(byte[] b, int off, int len) {
        int i = off;
        int end = off + len;
        while (i < end) {
            switch (state) {
                case DONE, BAD -> {
                    position += end - i;
                    return;
                }
                case SKIP, PNG_SIGNATURE -> {
                    int n = (int) Math.min(skip, end - i);
                    i += n;
                    position += n;
                    skip -= n;
                    if (skip == 0) {
                        segmentEnd();
                    }
                }
                case ENTROPY -> {
                    int j = nextFF(b, i, end);
                    position += j - i;
                    i = j;
                    if (j < end) {
                        i++;
                        position++;
                        state = State.ENTROPY_FF;
                    }
                }
                case WEBP -> {
                    // RIFF size: little-endian bytes 4..7.
                    for (; i < end; i++, position++) {
                        if (position >= 4 && position < 8) {
                            riffSize = (riffSize < 0 ? 0 : riffSize) | ((long) (b[i] & 0xFF) << (8 * (position - 4)));
                        }
                        if (position + 1 == WEBP_HEADER) {
                            headerEnd = WEBP_HEADER;
                        }
                    }
                }
                default -> {
                    one(b[i] & 0xFF);
                    i++;
                    position++;
                    if (state == State.SKIP && skip == 0) {
                        segmentEnd();
                    }
                }
            }
        }
    }

    /**
     * Index of the first 0xFF byte in {@code b[from, end)}, or {@code end}. Image data is most of a
     * photo's bytes: it is scanned eight bytes at a time (a byte of ~word is zero exactly where the
     * word has 0xFF; the lowest flagged byte of the classic zero-byte test is always a true one).
     */
    static int nextFF(byte[] b, int from, int end) {
        int j = from;
        while (j + Long.BYTES <= end) {
            long inverted = ~(long) WORDS.get(b, j);
            long zeroBytes = (inverted - 0x0101010101010101L) & ~inverted & 0x8080808080808080L;
            if (zeroBytes != 0) {
                return j + (Long.numberOfTrailingZeros(zeroBytes) >>> 3);
            }
            j += Long.BYTES;
        }
        while (j < end && b[j] != (byte) 0xFF) {
            j++;
        }
        return j;
    }

    /** One byte in a state that looks at single bytes; {@code position} is still that byte's offset. */
    private void one(int v) {
        switch (state) {
            case SOI0 -> state = v == 0xFF ? State.SOI1 : State.BAD;
            case SOI1 -> state = v == 0xD8 ? State.MARKER_FF : State.BAD;
            case MARKER_FF -> state = v == 0xFF ? State.MARKER_CODE : State.BAD;
            case MARKER_CODE -> {
                if (v != 0xFF) {
                    marker(v);
                }
            }
            case ENTROPY_FF -> {
                if (v == 0x00 || (v >= 0xD0 && v <= 0xD7)) {
                    state = State.ENTROPY; // a stuffed byte or a restart marker: still image data
                } else if (v != 0xFF) {
                    marker(v);
                }
            }
            case LENGTH_HI -> {
                lengthHigh = v;
                state = State.LENGTH_LO;
            }
            case LENGTH_LO -> {
                int length = (lengthHigh << 8) | v;
                if (length < 2) {
                    state = State.BAD;
                } else {
                    skip = length - 2;
                    state = State.SKIP;
                }
            }
            case PNG_CHUNK_HEADER -> {
                chunkHeader[chunkHeaderFill++] = (byte) v;
                if (chunkHeaderFill == 8) {
                    chunkHeaderFill = 0;
                    long length = u32(0);
                    if (length > Integer.MAX_VALUE) {
                        state = State.BAD;
                        return;
                    }
                    lastChunkIsEnd = u32(4) == 0x49454E44L; // IEND
                    skip = length + 4; // data and CRC
                    state = State.SKIP;
                }
            }
            default -> throw new IllegalStateException(state.name());
        }
    }

    private void marker(int m) {
        if (m == 0xD9) {
            state = State.DONE;
        } else if (m == 0x01 || (m >= 0xD0 && m <= 0xD7)) {
            state = State.MARKER_FF;
        } else {
            marker = m;
            state = State.LENGTH_HI;
        }
    }

    /** A JPEG segment or a PNG chunk (or the PNG signature) was skipped to its end. */
    private void segmentEnd() {
        if (format == ImageFormat.PNG) {
            if (state == State.SKIP && headerEnd < 0) {
                headerEnd = position; // IHDR is the first chunk
            }
            state = lastChunkIsEnd && state == State.SKIP ? State.DONE : State.PNG_CHUNK_HEADER;
            return;
        }
        if (headerEnd < 0 && frameHeader(marker)) {
            headerEnd = position;
        }
        state = marker == 0xDA ? State.ENTROPY : State.MARKER_FF;
    }

    /** SOF0–SOF15, the frame header with the dimensions (C4, C8 and CC are other markers). */
    private static boolean frameHeader(int m) {
        return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
    }

    private long u32(int at) {
        return ((long) (chunkHeader[at] & 0xFF) << 24) | ((chunkHeader[at + 1] & 0xFF) << 16)
                | ((chunkHeader[at + 2] & 0xFF) << 8) | (chunkHeader[at + 3] & 0xFF);
    }
}
