package mx.implan.brujula.attachments;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.quarkus.security.UnauthorizedException;
import mx.implan.brujula.auth.Actor;
import mx.implan.brujula.auth.Roles;
import mx.implan.brujula.http.ApiProblem;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;

/**
 * Reading photos: who may (an observation the caller may read references the hash; originals to
 * staff and authors), and the variants — generated on first request from a subsampled decode,
 * stored in the bucket under a derived key, and served from there afterwards.
 */
@ApplicationScoped
public class PhotoReader {

    @Inject
    AttachmentsConfig config;
    @Inject
    ObjectStore store;
    @Inject
    AttachmentRows rows;

    private Semaphore deriving;
    private final Map<String, CompletableFuture<Void>> inFlight = new ConcurrentHashMap<>();

    @PostConstruct
    void init() {
        deriving = new Semaphore(Math.max(1, config.deriveConcurrency()));
    }

    /**
     * The stored photo {@code actor} may read as {@code variant}; 404 when they may not see it at all.
     * Anyone, signed in or not ({@code actor} null), may read the public variant of a photo a
     * supervisor approved; anonymous callers nothing else (401).
     */
    public AttachmentRows.Stored authorize(Actor actor, String sha256, Variant variant) {
        if (actor == null) {
            if (variant != Variant.PUBLIC) {
                throw new UnauthorizedException("Sign in to read this variant");
            }
            return publicPhoto(sha256);
        }
        AttachmentRows.Readers readers = rows.readers(sha256, actor.name(), actor.isSupervisor());
        if (!readers.readable()) {
            if (variant == Variant.PUBLIC) {
                return publicPhoto(sha256);
            }
            throw notFound(sha256);
        }
        boolean staff = actor.isSupervisor() || actor.has(Roles.INSPECTOR);
        if (variant == Variant.ORIGINAL && !staff && !readers.authored()) {
            throw ApiProblem.forbidden("ORIGINAL_FORBIDDEN", "Only staff and the author may read the original; ask for variant=public");
        }
        return rows.find(sha256).orElseThrow(() -> notFound(sha256));
    }

    private AttachmentRows.Stored publicPhoto(String sha256) {
        if (!rows.approved(sha256)) {
            throw notFound(sha256);
        }
        return rows.find(sha256).orElseThrow(() -> notFound(sha256));
    }

    /** Makes sure the variant's object exists in the bucket (generating it once), and returns its key. */
    public String ensure(AttachmentRows.Stored photo, Variant variant) {
        String key = variant.key(photo.sha256());
        if (variant == Variant.ORIGINAL || store.size(key).isPresent()) {
            return key;
        }
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            await(running);
            return key;
        }
        try {
            generate(photo, variant, key);
            mine.complete(null);
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
        return key;
    }

    private void generate(AttachmentRows.Stored photo, Variant variant, String key) {
        ImageFormat format = ImageFormat.fromMediaType(photo.mediaType())
                .orElseThrow(() -> new IllegalStateException("Stored photo of unknown type " + photo.mediaType()));
        deriving.acquireUninterruptibly();
        Path file = null;
        try {
            file = Files.createTempFile("brujula-derive-", ".img");
            ObjectStore.Read original = store.read(photo.sha256(), 0, null)
                    .orElseThrow(() -> notFound(photo.sha256()));
            try (InputStream in = original.body()) {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
            int orientation = format == ImageFormat.JPEG ? ImageStructure.jpegOrientation(file) : 1;
            int side = variant == Variant.THUMB ? config.thumbSize() : config.publicSize();
            byte[] jpeg = Images.derive(file, format, new Images.Size(photo.width(), photo.height()), orientation, side);
            store.putBytes(key, jpeg, "image/jpeg");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not make the " + variant.wireName() + " variant of " + photo.sha256(), e);
        } finally {
            deriving.release();
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a temporary file; the OS cleans its temporary directory
                }
            }
        }
    }

    private static void await(CompletableFuture<Void> running) {
        try {
            running.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    public Optional<ObjectStore.Read> open(String key, long offset, Long length) {
        return store.read(key, offset, length);
    }

    static ApiProblem notFound(String sha256) {
        return ApiProblem.notFound("ATTACHMENT_NOT_FOUND", "Photo {0} does not exist or you may not read it", sha256);
    }
}
