package mx.implan.brujula.attachments;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import mx.implan.brujula.auth.Actor;
import mx.implan.brujula.http.ApiProblem;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Optional;

/**
 * {@code PUT /attachments/{sha256}}: the body is streamed to a private temporary file while its
 * SHA-256 is computed (never held in memory), then checked — size, hash, type from the bytes,
 * image header and pixel count, completeness — and only then stored under its hash with one
 * atomic S3 PUT, and recorded. A cut connection or any failed check leaves nothing under the hash.
 * Concurrent uploads of the same bytes are harmless: both write identical content, one row wins.
 */
@ApplicationScoped
public class UploadService {

    private static final Logger LOG = Logger.getLogger(UploadService.class);
    private static final int BUFFER = 64 * 1024;

    @Inject
    AttachmentsConfig config;
    @Inject
    ObjectStore store;
    @Inject
    AttachmentRows rows;
    @Inject
    IncompleteFlags incomplete;
    @Inject
    MeterRegistry metrics;

    private Path tempDir;
    private Counter uploadedBytes;

    /** The outcome of an upload: {@code created} false when the photo was already stored. */
    public record Outcome(AttachmentRows.Stored attachment, boolean created) {
    }

    void onStart(@Observes StartupEvent event) throws IOException {
        Images.registerPlugins();
        Path base = config.tempDir().map(Path::of).orElse(Path.of(System.getProperty("java.io.tmpdir")));
        tempDir = Files.createDirectories(base.resolve("brujula-uploads"));
        uploadedBytes = metrics.counter("brujula.attachments.uploaded.bytes");
        removeLeftovers();
    }

    /** Uploads in flight when a previous process was killed left their temporary files behind. */
    private void removeLeftovers() {
        java.time.Instant hourAgo = java.time.Instant.now().minus(java.time.Duration.ofHours(1));
        try (var files = Files.list(tempDir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".part")).toList()) {
                try {
                    if (Files.getLastModifiedTime(f).toInstant().isBefore(hourAgo)) {
                        delete(f);
                    }
                } catch (IOException goneMeanwhile) {
                    // another process's upload finished and removed it
                }
            }
        } catch (IOException e) {
            LOG.warnf("Could not clean %s: %s", tempDir, e.getMessage());
        }
    }

    public Outcome upload(Actor actor, String sha256, InputStream body, Long contentLength) {
        long max = config.maxBytes();
        if (contentLength != null && contentLength > max) {
            throw tooLarge(max);
        }
        Optional<AttachmentRows.Stored> existing = rows.find(sha256);
        if (existing.isPresent()) {
            // Already here: nothing is rewritten. The body is read and dropped so the connection stays usable.
            drain(body, max);
            return new Outcome(existing.get(), false);
        }
        Path file = null;
        try {
            file = Files.createTempFile(tempDir, "upload-", ".part");
            byte[] head = new byte[ImageFormat.SNIFF_BYTES];
            MessageDigest digest = sha256();
            long size = receive(body, file, digest, head, max);
            if (contentLength != null && size != contentLength) {
                throw new ApiProblem(400, "INCOMPLETE_BODY", "Bad Request", "The body ended after {0} bytes", size);
            }
            if (size == 0) {
                throw new ApiProblem(400, "EMPTY_BODY", "Bad Request", "The body is empty");
            }
            String actual = HexFormat.of().formatHex(digest.digest());
            if (!actual.equals(sha256)) {
                throw new ApiProblem(422, "HASH_MISMATCH", "Unprocessable Content",
                        "The SHA-256 of the body is {0}, not the one in the path", actual).with("actualSha256", actual);
            }
            ImageFormat format = ImageFormat.sniff(head, (int) Math.min(size, head.length))
                    .orElseThrow(() -> new ApiProblem(415, "UNSUPPORTED_IMAGE_TYPE", "Unsupported Media Type",
                            "Only JPEG, PNG and WebP photos are accepted"));
            Images.Size dimensions = header(file, format);
            if (!ImageStructure.complete(file, format)) {
                throw new ApiProblem(422, "IMAGE_TRUNCATED", "Unprocessable Content",
                        "The image is incomplete (truncated or corrupt)");
            }
            store.putFile(sha256, file, format.mediaType());
            AttachmentRows.Stored stored = new AttachmentRows.Stored(sha256, format.mediaType(), size,
                    dimensions.width(), dimensions.height(), OffsetDateTime.now(ZoneOffset.UTC));
            boolean created = rows.insert(stored, actor.name());
            uploadedBytes.increment(size);
            if (created) {
                incomplete.photoArrived(sha256, actor.name());
            }
            return new Outcome(created ? stored : rows.find(sha256).orElse(stored), created);
        } catch (IOException e) {
            // Local disk trouble (a client that goes away mid-body is INCOMPLETE_BODY): nothing was stored.
            throw new UncheckedIOException("Upload of " + sha256 + " failed", e);
        } finally {
            delete(file);
        }
    }

    private Images.Size header(Path file, ImageFormat format) {
        Images.Size size;
        try {
            size = Images.header(file, format);
        } catch (IOException unreadable) {
            throw new ApiProblem(422, "IMAGE_UNREADABLE", "Unprocessable Content",
                    "The image header cannot be read: {0}", unreadable.getMessage());
        }
        if (size.pixels() > config.maxPixels()) {
            throw new ApiProblem(422, "IMAGE_TOO_MANY_PIXELS", "Unprocessable Content",
                    "The image has {0} × {1} pixels, more than {2}", size.width(), size.height(), config.maxPixels())
                    .with("maxPixels", config.maxPixels());
        }
        return size;
    }

    /** Copies the body to {@code file}, hashing and counting; 413 as soon as it passes {@code max}. */
    private static long receive(InputStream body, Path file, MessageDigest digest, byte[] head, long max) throws IOException {
        byte[] buffer = new byte[BUFFER];
        long total = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            int n;
            while ((n = read(body, buffer, total)) >= 0) {
                if (n == 0) {
                    continue;
                }
                if (total < head.length) {
                    System.arraycopy(buffer, 0, head, (int) total, (int) Math.min(n, head.length - total));
                }
                total += n;
                if (total > max) {
                    throw tooLarge(max);
                }
                digest.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
        }
        return total;
    }

    private static int read(InputStream body, byte[] buffer, long sofar) {
        try {
            return body.read(buffer);
        } catch (IOException cut) {
            throw new ApiProblem(400, "INCOMPLETE_BODY", "Bad Request", "The body ended after {0} bytes", sofar);
        }
    }

    private static void drain(InputStream body, long max) {
        byte[] buffer = new byte[BUFFER];
        long total = 0;
        try {
            int n;
            while ((n = body.read(buffer)) >= 0 && total <= max) {
                total += n;
            }
        } catch (IOException gone) {
            // The client stopped sending; the answer is the same.
        }
    }

    static ApiProblem tooLarge(long max) {
        return new ApiProblem(413, "PAYLOAD_TOO_LARGE", "Content Too Large", "The request exceeds the limit ({0})",
                "maxBytes = " + max).with("maxBytes", max);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void delete(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warnf("Could not delete %s: %s", file, e.getMessage());
        }
    }
}
