package mx.implan.brujula.attachments;

import java.util.Optional;

/**
 * The image types Brújula stores, recognised by their first bytes (never by a file name or a
 * Content-Type header, which a client can get wrong). HEIC is refused: no ImageIO reader for it
 * is published on Maven Central, so the server could neither check nor thumbnail it; the app
 * converts HEIC photos to JPEG before attaching them.
 */
public enum ImageFormat {
    JPEG("image/jpeg", "jpeg"),
    PNG("image/png", "png"),
    WEBP("image/webp", "webp");

    /** Bytes needed to recognise every format. */
    public static final int SNIFF_BYTES = 12;

    private final String mediaType;
    private final String imageIoName;

    ImageFormat(String mediaType, String imageIoName) {
        this.mediaType = mediaType;
        this.imageIoName = imageIoName;
    }

    public String mediaType() {
        return mediaType;
    }

    /** The ImageIO format name of its reader. */
    public String imageIoName() {
        return imageIoName;
    }

    public static Optional<ImageFormat> fromMediaType(String mediaType) {
        for (ImageFormat f : values()) {
            if (f.mediaType.equals(mediaType)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** The format whose signature {@code head} starts with (its first {@code length} bytes). */
    public static Optional<ImageFormat> sniff(byte[] head, int length) {
        if (length >= 3 && u(head[0]) == 0xFF && u(head[1]) == 0xD8 && u(head[2]) == 0xFF) {
            return Optional.of(JPEG);
        }
        if (length >= 8 && u(head[0]) == 0x89 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G'
                && head[4] == 0x0D && head[5] == 0x0A && head[6] == 0x1A && head[7] == 0x0A) {
            return Optional.of(PNG);
        }
        if (length >= 12 && head[0] == 'R' && head[1] == 'I' && head[2] == 'F' && head[3] == 'F'
                && head[8] == 'W' && head[9] == 'E' && head[10] == 'B' && head[11] == 'P') {
            return Optional.of(WEBP);
        }
        return Optional.empty();
    }

    private static int u(byte b) {
        return b & 0xFF;
    }
}
