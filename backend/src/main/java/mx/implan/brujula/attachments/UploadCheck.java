package mx.implan.brujula.attachments;

import mx.implan.brujula.http.ApiProblem;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The checks of one upload, fed the body's bytes as they stream past (never all of them at once):
 * size limit (413 as soon as it is passed), SHA-256, type from the first bytes, structure to the
 * end ({@link StructureWatch}), and the leading bytes up to the end of the image header, kept for
 * the header decode. {@link #verify} then gives the verdict, in a fixed order: incomplete or empty
 * body, hash, type, header and pixel count, completeness.
 */
final class UploadCheck {

    /** Leading bytes always kept (enough for any PNG or WebP header). */
    static final int HEAD_MIN = 64 * 1024;
    /** Most leading bytes kept while looking for a JPEG frame header (EXIF, XMP, ICC segments come first). */
    static final int HEAD_MAX = 1024 * 1024;

    private final String claimed;
    private final long max;
    private final long maxPixels;
    private final MessageDigest digest;
    private byte[] head = new byte[HEAD_MIN];
    private int headLength;
    private long total;
    private ImageFormat format;
    private boolean sniffed;
    private StructureWatch watch;

    /** What passed every check. */
    record Verified(ImageFormat format, long bytes, Images.Size size, byte[] sha256) {
    }

    /** {@code claimedSha256} null: the hash is learned from the bytes (a form part has no name to check). */
    UploadCheck(String claimedSha256, long maxBytes, long maxPixels) {
        this.claimed = claimedSha256;
        this.max = maxBytes;
        this.maxPixels = maxPixels;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    long total() {
        return total;
    }

    /** The type the first bytes tell; empty when they tell none or are too few yet ({@link #typeKnown}). */
    Optional<ImageFormat> format() {
        return Optional.ofNullable(format);
    }

    /** Whether enough bytes arrived to tell the type (or that there is none). */
    boolean typeKnown() {
        return sniffed;
    }

    void accept(byte[] b, int off, int n) {
        if (n <= 0) {
            return;
        }
        long before = total;
        total += n;
        if (total > max) {
            throw UploadService.tooLarge(max);
        }
        digest.update(b, off, n);
        if (!sniffed && total >= ImageFormat.SNIFF_BYTES) {
            // The earlier bytes (fewer than SNIFF_BYTES) are in the head; the rest of the first ones in b.
            byte[] first = Arrays.copyOf(head, ImageFormat.SNIFF_BYTES);
            System.arraycopy(b, off, first, (int) before, ImageFormat.SNIFF_BYTES - (int) before);
            decide(first, ImageFormat.SNIFF_BYTES, (int) before);
        }
        if (watch != null) {
            watch.update(b, off, n);
        }
        keep(b, off, n, before);
    }

    /** Settles the type from {@code first} and starts watching the structure from the {@code seen} bytes already kept. */
    private void decide(byte[] first, int length, int seen) {
        sniffed = true;
        format = ImageFormat.sniff(first, length).orElse(null);
        if (format != null) {
            watch = new StructureWatch(format);
            watch.update(head, 0, seen);
        }
    }

    /** Keeps the bytes at {@code [before, before + n)} that belong to the head. */
    private void keep(byte[] b, int off, int n, long before) {
        long want = HEAD_MIN;
        if (watch != null && format == ImageFormat.JPEG) {
            want = watch.headerEnd() < 0 ? HEAD_MAX : Math.max(HEAD_MIN, Math.min(HEAD_MAX, watch.headerEnd()));
        }
        if (before >= want) {
            return;
        }
        int take = (int) Math.min(n, want - before);
        if (headLength + take > head.length) {
            head = Arrays.copyOf(head, (int) Math.min(HEAD_MAX, Math.max(head.length * 2L, headLength + take)));
        }
        System.arraycopy(b, off, head, headLength, take);
        headLength += take;
    }

    /** The verdict on the whole body; {@code contentLength} as announced (null: not announced). */
    Verified verify(Long contentLength) {
        byte[] sum = verifyHash(contentLength);
        if (!sniffed) {
            decide(head, headLength, headLength); // a body shorter than the type signatures
        }
        if (format == null) {
            throw new ApiProblem(415, "UNSUPPORTED_IMAGE_TYPE", "Unsupported Media Type",
                    "Only JPEG, PNG and WebP photos are accepted");
        }
        Images.Size size = header();
        if (!watch.complete()) {
            throw new ApiProblem(422, "IMAGE_TRUNCATED", "Unprocessable Content",
                    "The image is incomplete (truncated or corrupt)");
        }
        return new Verified(format, total, size, sum);
    }

    /** The first checks alone (complete, non-empty, hashes to its name), for a photo already stored; its SHA-256. */
    byte[] verifyHash(Long contentLength) {
        if (contentLength != null && total != contentLength) {
            throw new ApiProblem(400, "INCOMPLETE_BODY", "Bad Request", "The body ended after {0} bytes", total);
        }
        if (total == 0) {
            throw new ApiProblem(400, "EMPTY_BODY", "Bad Request", "The body is empty");
        }
        byte[] sum = digest.digest();
        String actual = HexFormat.of().formatHex(sum);
        if (claimed != null && !actual.equals(claimed)) {
            throw new ApiProblem(422, "HASH_MISMATCH", "Unprocessable Content",
                    "The SHA-256 of the body is {0}, not the one in the path", actual).with("actualSha256", actual);
        }
        return sum;
    }

    private Images.Size header() {
        Images.Size size;
        try {
            if (format == ImageFormat.JPEG && watch.headerEnd() < 0 && total > HEAD_MAX) {
                throw new IOException("no frame header in the first " + HEAD_MAX + " bytes");
            }
            size = Images.header(head, headLength, format);
        } catch (IOException unreadable) {
            throw new ApiProblem(422, "IMAGE_UNREADABLE", "Unprocessable Content",
                    "The image header cannot be read: {0}", unreadable.getMessage());
        }
        if (size.pixels() > maxPixels) {
            throw new ApiProblem(422, "IMAGE_TOO_MANY_PIXELS", "Unprocessable Content",
                    "The image has {0} × {1} pixels, more than {2}", size.width(), size.height(), maxPixels)
                    .with("maxPixels", maxPixels);
        }
        return size;
    }
}
