package mx.implan.brujula.app.journal;

import mx.implan.brujula.app.storage.AtomicFiles;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Photos kept by content: {@code photos/<sha256>}. A picture is copied in and hashed in one pass at capture, so
 * what the journal references is exactly what will be uploaded, even if the gallery file is later edited or
 * deleted. The media type is sniffed from the bytes (the server does the same and refuses a mismatch).
 */
final class PhotoStore {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final Path dir;
    private final Path thumbs;

    PhotoStore(Path dir, Path thumbs) {
        this.dir = dir;
        this.thumbs = thumbs;
    }

    List<Path> directories() {
        return List.of(dir, thumbs);
    }

    /** A picture copied into the store's directory under a temporary name; not referenced until committed. */
    record Imported(AtomicFiles.HashedTemp temp, String mediaType) {
        String sha256() {
            return temp.sha256();
        }
    }

    Imported importFile(Path source) throws IOException {
        try (InputStream in = Files.newInputStream(source)) {
            AtomicFiles.HashedTemp temp = AtomicFiles.copyHashed(in, dir);
            return new Imported(temp, sniff(temp.head()));
        }
    }

    /** Makes an imported picture part of the store (a no-op when the same bytes are already there). */
    void commit(Imported photo) throws IOException {
        Path target = dir.resolve(photo.sha256());
        if (Files.exists(target)) {
            Files.deleteIfExists(photo.temp().path());
        } else {
            AtomicFiles.moveIntoPlace(photo.temp().path(), target);
        }
    }

    void discard(Imported photo) {
        try {
            Files.deleteIfExists(photo.temp().path());
        } catch (IOException ignored) {
            // a leftover temporary file is removed on the next start
        }
    }

    Optional<Path> find(String sha256) {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            return Optional.empty();
        }
        Path file = dir.resolve(sha256);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    /** The thumbnail kept of a photo whose original left the device. */
    Optional<Path> thumbnail(String sha256) {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            return Optional.empty();
        }
        Path file = thumbs.resolve(sha256);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    /** Writes the thumbnail first, durably, so a removed original always leaves its thumbnail behind. */
    void keepThumbnail(String sha256, byte[] bytes) throws IOException {
        AtomicFiles.write(thumbs.resolve(sha256), bytes);
    }

    /** Removes the original (durably); its thumbnail, if any, stays. */
    void remove(String sha256) throws IOException {
        if (find(sha256).isPresent()) {
            AtomicFiles.delete(dir.resolve(sha256));
        }
    }

    /** The image type from the first bytes; null when it is none the server accepts. */
    static String sniff(byte[] head) {
        if (starts(head, 0, new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF})) {
            return "image/jpeg";
        }
        if (starts(head, 0, new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'})) {
            return "image/png";
        }
        if (starts(head, 0, ascii("RIFF")) && starts(head, 8, ascii("WEBP"))) {
            return "image/webp";
        }
        if (starts(head, 4, ascii("ftyp")) && head.length >= 12) {
            String brand = new String(head, 8, 4, StandardCharsets.US_ASCII);
            if (brand.equals("heic") || brand.equals("heix") || brand.equals("mif1") || brand.equals("heim")) {
                return "image/heic";
            }
        }
        return null;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static boolean starts(byte[] data, int offset, byte[] prefix) {
        return data.length >= offset + prefix.length
                && Arrays.equals(data, offset, offset + prefix.length, prefix, 0, prefix.length);
    }
}
