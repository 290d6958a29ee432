package mx.implan.brujula.attachments;

import io.minio.BucketExistsArgs;
import io.minio.Checksum;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.Http;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioAsyncClient;
import io.minio.MinioClient;
import io.minio.PutObjectAPIArgs;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.MinioException;
import io.minio.messages.Item;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.annotations.CommandLineArguments;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import mx.implan.brujula.http.ApiProblem;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import org.jboss.logging.Logger;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The photo bucket, through the MinIO client: originals under their SHA-256, derived variants
 * under {@code derived/<variant>/<sha256>}. An S3 PUT is atomic — an object is visible complete
 * or not at all — which is what makes an interrupted upload leave nothing behind. When the
 * server cannot be reached the API answers 503 {@code STORAGE_UNAVAILABLE}; the rest of
 * Brújula (sync of observations) keeps working.
 */
@ApplicationScoped
public class ObjectStore {

    private static final Logger LOG = Logger.getLogger(ObjectStore.class);
    /** Validity of the presigned URL of a streamed PUT: the time a slow device may take to send a photo. */
    private static final int PUT_EXPIRY_SECONDS = 3600;
    private static final Set<String> NOT_FOUND = Set.of("NoSuchKey", "NoSuchObject", "NotFound", "ResourceNotFound");

    @Inject
    AttachmentsConfig config;
    @Inject
    @CommandLineArguments
    String[] arguments;

    private MinioClient client;
    /** The same client's lower-level API, for PUTs whose checksum is already known. */
    private MinioAsyncClient async;
    private MinioClient presigner;
    private OkHttpClient http;
    private volatile boolean bucketReady;

    /** What a read returns: the bytes (close it) and the object's full size. */
    public record Read(InputStream body, long size, String contentType) {
    }

    /** One object of a listing. */
    public record Entry(String key, long size, Instant lastModified) {
    }

    void onStart(@Observes StartupEvent event) {
        // The MinIO client's calls go through OkHttp's dispatcher, which runs 5 per host by default:
        // more concurrent photo reads and writes than that would queue behind one another.
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(config.maxConnections());
        dispatcher.setMaxRequestsPerHost(config.maxConnections());
        http = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(config.maxConnections(), 5, TimeUnit.MINUTES))
                .socketFactory(new NoDelaySockets(config.endpoint().regionMatches(true, 0, "http:", 0, 5)))
                .connectTimeout(5, TimeUnit.SECONDS)
                .readTimeout(60, TimeUnit.SECONDS)
                .writeTimeout(60, TimeUnit.SECONDS)
                .build();
        client = MinioClient.builder().endpoint(config.endpoint()).region(config.region())
                .credentials(config.accessKey(), config.secretKey()).httpClient(http).build();
        async = MinioAsyncClient.builder().endpoint(config.endpoint()).region(config.region())
                .credentials(config.accessKey(), config.secretKey()).httpClient(http).build();
        // Presigning is local computation; with the region given it never calls the server.
        presigner = config.publicEndpoint().map(url -> MinioClient.builder().endpoint(url).region(config.region())
                .credentials(config.accessKey(), config.secretKey()).httpClient(http).build()).orElse(null);
        if (arguments.length > 0) {
            return; // an administrative command (./brujula admin …): no photo storage needed, checked lazily
        }
        try {
            ensureBucket();
            LOG.infof("Photos are stored in bucket %s at %s", config.bucket(), config.endpoint());
        } catch (RuntimeException e) {
            LOG.warnf("Photo storage at %s is not available yet (%s); photo requests answer 503 until it is",
                    config.endpoint(), e.getMessage());
        }
    }

    @PreDestroy
    void close() {
        if (http != null) {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }

    public String bucket() {
        return config.bucket();
    }

    /** Creates the bucket when missing; cheap after the first success. */
    public void ensureBucket() {
        if (bucketReady) {
            return;
        }
        synchronized (this) {
            if (bucketReady) {
                return;
            }
            call(() -> {
                if (!client.bucketExists(BucketExistsArgs.builder().bucket(config.bucket()).build())) {
                    try {
                        client.makeBucket(MakeBucketArgs.builder().bucket(config.bucket()).build());
                        LOG.infof("Created bucket %s", config.bucket());
                    } catch (ErrorResponseException e) {
                        if (!"BucketAlreadyOwnedByYou".equals(e.errorResponse().code())
                                && !"BucketAlreadyExists".equals(e.errorResponse().code())) {
                            throw e;
                        }
                    }
                }
                return null;
            });
            bucketReady = true;
        }
    }

    /** The object's size, or empty when there is none under {@code key}. */
    public Optional<Long> size(String key) {
        ensureBucket();
        return call(() -> {
            try {
                StatObjectResponse stat = client.statObject(StatObjectArgs.builder().bucket(config.bucket()).object(key).build());
                return Optional.of(stat.size());
            } catch (MinioException e) {
                if (isNotFound(e)) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    /**
     * Stores a verified file under {@code key}: one atomic PUT, streamed from disk. {@code sha256}
     * is the digest the upload already computed: sent as the object's S3 checksum (the server
     * checks the bytes against it) and as the signed payload hash, so the client does not read the
     * file once more to hash it (its default adds a CRC32C in pure Java: a third of the upload
     * path's CPU, profiled with JFR under ./brujula bench photos).
     */
    public void putFile(String key, Path file, byte[] sha256, String contentType) {
        ensureBucket();
        call(() -> {
            try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
                Http.Headers headers = new Http.Headers();
                headers.put(Http.Headers.X_AMZ_CHECKSUM_SHA256, Base64.getEncoder().encodeToString(sha256));
                return async.putObject(PutObjectAPIArgs.builder().bucket(config.bucket()).object(key)
                        .file(in, in.length()).headers(headers).contentType(contentType).build()).get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        });
    }

    /** Writes the body of a streamed PUT; may throw an {@link ApiProblem} to refuse it. */
    @FunctionalInterface
    public interface BodyWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * One PUT of {@code length} bytes under {@code key}, its body written by {@code writer} as it
     * goes (never whole in memory). The request is presigned by the MinIO client and sent by its
     * HTTP client. When the writer refuses (throws an {@link ApiProblem}, rethrown here) or fails,
     * the request is cut short of its length, which S3 never stores: the key is left as it was.
     */
    public void putStream(String key, long length, String contentType, BodyWriter writer) {
        ensureBucket();
        String url = call(() -> client.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder().method(Http.Method.PUT)
                .bucket(config.bucket()).object(key).expiry(PUT_EXPIRY_SECONDS, TimeUnit.SECONDS).build()));
        ApiProblem[] refused = new ApiProblem[1];
        Call[] call = new Call[1];
        RequestBody body = new RequestBody() {
            @Override
            public okhttp3.MediaType contentType() {
                return okhttp3.MediaType.get(contentType);
            }

            @Override
            public long contentLength() {
                return length;
            }

            @Override
            public boolean isOneShot() {
                return true;
            }

            @Override
            public void writeTo(BufferedSink sink) throws IOException {
                try {
                    writer.writeTo(sink.outputStream());
                } catch (ApiProblem e) {
                    refused[0] = e;
                    // Close the connection mid-body: S3 discards the object, and the connection is never reused.
                    call[0].cancel();
                    throw new IOException("upload refused: " + e.getMessage());
                }
            }
        };
        call[0] = http.newCall(new Request.Builder().url(url).put(body).build());
        try (Response response = call[0].execute()) {
            if (!response.isSuccessful()) {
                throw unavailable(new IOException("S3 answered " + response.code() + " to a PUT of " + key
                        + ": " + (response.body() == null ? "" : response.body().string())));
            }
        } catch (IOException e) {
            if (refused[0] != null) {
                throw refused[0];
            }
            throw unavailable(e);
        }
    }

    /** Stores small generated content (variants). */
    public void putBytes(String key, byte[] bytes, String contentType) {
        ensureBucket();
        call(() -> client.putObject(PutObjectArgs.builder().bucket(config.bucket()).object(key)
                .stream(new ByteArrayInputStream(bytes), (long) bytes.length, -1L).contentType(contentType)
                .checksum(Checksum.Algorithm.CRC32).build()));
    }

    /** Removes {@code key}; nothing happens when it is absent. */
    public void delete(String key) {
        ensureBucket();
        call(() -> {
            client.removeObject(RemoveObjectArgs.builder().bucket(config.bucket()).object(key).build());
            return null;
        });
    }

    /** Bytes of {@code key} from {@code offset}, {@code length} of them (null: to the end); empty when absent. */
    public Optional<Read> read(String key, long offset, Long length) {
        ensureBucket();
        return call(() -> {
            try {
                GetObjectArgs.Builder args = GetObjectArgs.builder().bucket(config.bucket()).object(key);
                if (offset > 0) {
                    args.offset(offset);
                }
                if (length != null) {
                    args.length(length);
                }
                GetObjectResponse response = client.getObject(args.build());
                long size = totalSize(response, offset);
                return Optional.of(new Read(response, size, response.headers().get("Content-Type")));
            } catch (MinioException e) {
                if (isNotFound(e)) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    private static long totalSize(GetObjectResponse response, long offset) {
        String range = response.headers().get("Content-Range");
        if (range != null && range.contains("/")) {
            return Long.parseLong(range.substring(range.indexOf('/') + 1).trim());
        }
        String length = response.headers().get("Content-Length");
        return length == null ? -1 : Long.parseLong(length) + offset;
    }

    /** Whether clients are redirected to presigned URLs (a public S3 endpoint is configured). */
    public boolean presigns() {
        return presigner != null;
    }

    /** A presigned GET of {@code key} on the public endpoint. */
    public String presignedGet(String key) {
        return call(() -> presigner.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder().method(Http.Method.GET)
                .bucket(config.bucket()).object(key)
                .expiry((int) config.presignExpiry().toSeconds(), TimeUnit.SECONDS).build()));
    }

    /** Objects directly under {@code prefix} (not recursive), in key order, fetched page by page. */
    public Iterator<Entry> list(String prefix) {
        ensureBucket();
        Iterator<Result<Item>> items = client.listObjects(ListObjectsArgs.builder().bucket(config.bucket())
                .prefix(prefix).recursive(false).build()).iterator();
        return new Iterator<>() {
            private Entry next = advance();

            private Entry advance() {
                while (items.hasNext()) {
                    Item item = call(() -> items.next().get());
                    if (!item.isDir()) {
                        Instant modified = item.lastModified() == null ? Instant.EPOCH : item.lastModified().toInstant();
                        return new Entry(item.objectName(), item.size(), modified);
                    }
                }
                return null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Entry next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                Entry current = next;
                next = advance();
                return current;
            }
        };
    }

    @FunctionalInterface
    private interface S3Call<T> {
        T run() throws Exception;
    }

    private static <T> T call(S3Call<T> call) {
        try {
            return call.run();
        } catch (ApiProblem e) {
            throw e;
        } catch (Exception e) {
            throw unavailable(e);
        }
    }

    private static boolean isNotFound(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ErrorResponseException error && NOT_FOUND.contains(error.errorResponse().code())) {
                return true;
            }
        }
        return false;
    }

    static ApiProblem unavailable(Exception cause) {
        Throwable root = cause;
        if (cause instanceof MinioException && cause.getCause() != null) {
            root = cause.getCause();
        }
        LOG.warnf("Photo storage failed: %s", root.toString());
        return new ApiProblem(503, "STORAGE_UNAVAILABLE", "Service Unavailable",
                "Photo storage is not available right now; retry later").header("Retry-After", "30");
    }
}
