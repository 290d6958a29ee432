package mx.implan.brujula.attachments;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
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
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Optional;

/**
 * {@code PUT /attachments/{sha256}}: the body is streamed (never held in memory) through the
 * checks — size, SHA-256, type from the bytes, image header and pixel count, completeness
 * ({@link UploadCheck}) — into one S3 PUT under its hash that completes only when every check
 * passed, then recorded. A cut connection or any failed check leaves nothing under the hash.
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
    Event<PhotoArrived> arrivals;
    @Inject
    MeterRegistry metrics;

    private Path tempDir;
    private Counter uploadedBytes;

    /** What {@link #inspect} learned of a body that passed every check. */
    public record Inspected(String sha256, String mediaType, long bytes) {
    }

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
            // Already here: nothing is rewritten, but the body must be these bytes — the answer
            // records that the caller has them, which opens the photo to their own observations.
            UploadCheck resend = new UploadCheck(sha256, max, config.maxPixels());
            pump(body, new byte[BUFFER], resend, null);
            resend.verifyHash(contentLength);
            rows.holds(sha256, actor.name());
            return new Outcome(existing.get(), false);
        }
        UploadCheck check = new UploadCheck(sha256, max, config.maxPixels());
        UploadCheck.Verified verified = contentLength != null && contentLength > 0
                ? streamed(sha256, body, contentLength, check)
                : throughFile(sha256, body, contentLength, check);
        AttachmentRows.Stored stored = new AttachmentRows.Stored(sha256, verified.format().mediaType(), verified.bytes(),
                verified.size().width(), verified.size().height(), OffsetDateTime.now(ZoneOffset.UTC));
        boolean created = rows.insert(stored, actor.name());
        uploadedBytes.increment(verified.bytes());
        if (created) {
            arrivals.fire(new PhotoArrived(sha256, actor.name()));
        }
        return new Outcome(created ? stored : rows.find(sha256).orElse(stored), created);
    }

    /**
     * The checks of an upload without storing anything, for a photo whose hash is not known
     * beforehand (an Open311 form part, already on local disk): size, type from the bytes, header,
     * pixel count and completeness, exactly as a PUT, then its SHA-256. It is stored afterwards by
     * {@link #upload} under that hash, which checks it again while streaming it to S3.
     */
    public Inspected inspect(InputStream body, long length) {
        long max = config.maxBytes();
        if (length > max) {
            throw tooLarge(max);
        }
        UploadCheck check = new UploadCheck(null, max, config.maxPixels());
        pump(body, new byte[BUFFER], check, null);
        UploadCheck.Verified verified = check.verify(length);
        return new Inspected(HexFormat.of().formatHex(verified.sha256()), verified.format().mediaType(), verified.bytes());
    }

    /**
     * The usual case, a body of announced length: streamed straight into the S3 PUT under its hash
     * while it is checked, the last bytes held back until every check passed. A refused or cut
     * body aborts the PUT short of its length, and S3 stores nothing: nothing partial or
     * unverified is ever visible under the hash. No temporary file, no second read, no second hash.
     */
    private UploadCheck.Verified streamed(String sha256, InputStream body, long contentLength, UploadCheck check) {
        byte[] chunk = new byte[BUFFER];
        int first = 0;
        // The type (hence the stored Content-Type) is known from the first bytes, before S3 is called.
        while (!check.typeKnown() && first < chunk.length) {
            int n = read(body, chunk, first, chunk.length - first, check.total());
            if (n < 0) {
                break;
            }
            check.accept(chunk, first, n);
            first += n;
        }
        if (check.format().isEmpty()) {
            // Not an image (or a cut body): finish reading, nothing goes to S3; verify says why.
            pump(body, chunk, check, null);
            check.verify(contentLength);
            throw new IllegalStateException("verify accepted a body of unknown type");
        }
        int firstLength = first;
        UploadCheck.Verified[] verified = new UploadCheck.Verified[1];
        store.putStream(sha256, contentLength, check.format().get().mediaType(), out -> {
            byte[] held = new byte[BUFFER];
            byte[] next = chunk;
            int heldLength = firstLength;
            System.arraycopy(chunk, 0, held, 0, firstLength);
            int n;
            while ((n = read(body, next, 0, next.length, check.total())) >= 0) {
                if (n == 0) {
                    continue;
                }
                check.accept(next, 0, n);
                out.write(held, 0, heldLength);
                byte[] swap = held;
                held = next;
                next = swap;
                heldLength = n;
            }
            verified[0] = check.verify(contentLength);
            out.write(held, 0, heldLength);
        });
        return verified[0];
    }

    /** A body of unannounced length (chunked): to a private temporary file first, then one PUT. */
    private UploadCheck.Verified throughFile(String sha256, InputStream body, Long contentLength, UploadCheck check) {
        Path file = null;
        try {
            file = Files.createTempFile(tempDir, "upload-", ".part");
            try (OutputStream out = Files.newOutputStream(file)) {
                pump(body, new byte[BUFFER], check, out);
            }
            UploadCheck.Verified verified = check.verify(contentLength);
            store.putFile(sha256, file, verified.sha256(), verified.format().mediaType());
            return verified;
        } catch (IOException e) {
            // Local disk trouble (a client that goes away mid-body is INCOMPLETE_BODY): nothing was stored.
            throw new UncheckedIOException("Upload of " + sha256 + " failed", e);
        } finally {
            delete(file);
        }
    }

    /** Reads the rest of the body through the checks, copying it to {@code out} when given. */
    private static void pump(InputStream body, byte[] buffer, UploadCheck check, OutputStream out) {
        try {
            int n;
            while ((n = read(body, buffer, 0, buffer.length, check.total())) >= 0) {
                check.accept(buffer, 0, n);
                if (out != null) {
                    out.write(buffer, 0, n);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int read(InputStream body, byte[] buffer, int offset, int length, long sofar) {
        try {
            return body.read(buffer, offset, length);
        } catch (IOException cut) {
            throw new ApiProblem(400, "INCOMPLETE_BODY", "Bad Request", "The body ended after {0} bytes", sofar);
        }
    }

    static ApiProblem tooLarge(long max) {
        return ApiProblem.tooLarge("maxBytes", max);
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
