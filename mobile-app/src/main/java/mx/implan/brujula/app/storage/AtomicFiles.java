package mx.implan.brujula.app.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Durable replacement of whole files: write a temporary file in the same directory, fsync it, rename it over
 * the target (atomic on POSIX file systems and on Android's ext4/f2fs), then fsync the directory so the rename
 * itself survives a power cut. A crash at any point leaves either the old file or the new one; what it can
 * leave behind is a temporary file, which {@link #removeTemporaries(Path)} clears on the next start.
 */
public final class AtomicFiles {

    /** Prefix of files that were never renamed into place: never acknowledged, safe to delete. */
    public static final String TEMP_PREFIX = ".tmp-";

    private AtomicFiles() {
    }

    /** Replaces {@code target} with {@code bytes}, durably. */
    public static void write(Path target, byte[] bytes) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path temp = dir.resolve(TEMP_PREFIX + UUID.randomUUID());
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            moveIntoPlace(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Copies {@code in} into a new temporary file of {@code dir}, fsynced, and returns it with the SHA-256 of
     * what was written; the caller renames it into place with {@link #moveIntoPlace} or deletes it.
     */
    public static HashedTemp copyHashed(InputStream in, Path dir) throws IOException {
        Path temp = dir.resolve(TEMP_PREFIX + UUID.randomUUID());
        MessageDigest sha = sha256();
        long size = 0;
        byte[] head = new byte[32];
        int headLength = 0;
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            byte[] chunk = new byte[64 * 1024];
            int n;
            while ((n = in.read(chunk)) > 0) {
                sha.update(chunk, 0, n);
                if (headLength < head.length) {
                    int take = Math.min(n, head.length - headLength);
                    System.arraycopy(chunk, 0, head, headLength, take);
                    headLength += take;
                }
                ByteBuffer buffer = ByteBuffer.wrap(chunk, 0, n);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                size += n;
            }
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        byte[] first = new byte[headLength];
        System.arraycopy(head, 0, first, 0, headLength);
        return new HashedTemp(temp, HexFormat.of().formatHex(sha.digest()), size, first);
    }

    /** A fsynced temporary file, its SHA-256 (hex), size and first bytes (for sniffing its type). */
    public record HashedTemp(Path path, String sha256, long size, byte[] head) {
    }

    /** Renames a fsynced temporary file over {@code target} and makes the rename durable. */
    public static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // Only on exotic file systems; the journal refuses to pretend durability there.
            throw new IOException("The file system of " + target + " cannot rename atomically", e);
        }
        syncDirectory(target.toAbsolutePath().getParent());
    }

    /** Deletes {@code file} and makes the deletion durable. */
    public static void delete(Path file) throws IOException {
        if (Files.deleteIfExists(file)) {
            syncDirectory(file.toAbsolutePath().getParent());
        }
    }

    /** Makes renames and deletions in {@code dir} durable (fsync of the directory). */
    public static void syncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some platforms (Windows) cannot open a directory; there the rename is as durable as it gets.
            if (!System.getProperty("os.name", "").toLowerCase().startsWith("windows")) {
                throw e;
            }
        }
    }

    /** Deletes temporary files a crash left in {@code dir}; returns how many. */
    public static int removeTemporaries(Path dir) throws IOException {
        int removed = 0;
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, TEMP_PREFIX + "*")) {
            for (Path file : files) {
                Files.deleteIfExists(file);
                removed++;
            }
        }
        return removed;
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
