package mx.implan.brujula.bench;

import io.minio.Http;
import io.minio.MinioAsyncClient;
import io.minio.PutObjectAPIArgs;
import mx.implan.brujula.testing.BackendJar;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import mx.implan.brujula.testing.LargeJpegs;
import mx.implan.brujula.testing.Photos;
import mx.implan.brujula.testing.ScratchBucket;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code ./brujula bench photos}: N photos of about 3 MB uploaded by C concurrent clients through
 * the API (streamed, hashed, type-sniffed, header-checked, stored in S3 by the backend started from
 * the built jar with -Xmx256m), then the same bytes put straight into the bucket with the MinIO
 * client. Prints MB/s for both, the ratio and the backend's heap after a full GC before and after.
 * Not a test: it prints figures.
 */
public final class PhotoBench {

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        int total = Integer.parseInt(args.length > 1 ? args[1] : "200");
        int clients = Integer.parseInt(args.length > 2 ? args[2] : "4");
        String heap = args.length > 3 ? args[3] : "256m";
        String database = System.getenv().getOrDefault("BRUJULA_DB_NAME", "brujula_bench");
        LargeJpegs photos = LargeJpegs.threeMegabytes(42);
        String run = Long.toHexString(System.nanoTime());
        List<byte[]> bytes = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            bytes.add(photos.copy(run, i));
        }
        long volume = (long) total * photos.size();
        System.out.printf("photos bench: %d photos of %.2f MB (%.0f MB), %d clients, backend -Xmx%s%n",
                total, photos.size() / 1e6, volume / 1e6, clients, heap);
        MinioAsyncClient s3 = MinioAsyncClient.builder().endpoint(System.getenv("BRUJULA_S3_ENDPOINT")).region("us-east-1")
                .credentials(System.getenv("BRUJULA_S3_ACCESS_KEY"), System.getenv("BRUJULA_S3_SECRET_KEY")).build();
        String bucket = System.getenv().getOrDefault("BRUJULA_S3_BUCKET", "brujula-photos-bench");
        // The bench's own bucket starts empty, like its database: runs must not pile up gigabytes.
        ScratchBucket.empty(bucket);
        List<String> jvm = new ArrayList<>(List.of("-Xmx" + heap));
        // e.g. BRUJULA_BENCH_JVM_OPTS="-XX:StartFlightRecording=filename=photos.jfr" to profile the backend
        String extra = System.getenv().getOrDefault("BRUJULA_BENCH_JVM_OPTS", "").trim();
        if (!extra.isEmpty()) {
            jvm.addAll(List.of(extra.split("\\s+")));
        }
        try (BackendJar backend = BackendJar.start(jar, database, jvm,
                jar.getParent().getParent().resolve("bench"))) {
            backend.createUser("bench-photos", "inspector", "bench-photos-password");
            String token = backend.token("bench-photos", "bench-photos-password");
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            List<byte[]> warm = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                warm.add(photos.copy(run + "-warm", i));
            }
            timed(warm, clients, b -> api(http, backend.baseUri(), token, b));
            timed(warm, clients, b -> direct(s3, bucket, "bench-direct-warm/", b));
            long heapBefore = backend.heapAfterGc();
            double apiSeconds = timed(bytes, clients, b -> api(http, backend.baseUri(), token, b));
            long heapAfter = backend.heapAfterGc();
            double directSeconds = timed(bytes, clients, b -> direct(s3, bucket, "bench-direct/", b));
            double apiRate = volume / 1e6 / apiSeconds;
            double directRate = volume / 1e6 / directSeconds;
            System.out.printf("API (PUT /api/v1/attachments) : %7.1f MB/s (%.1f s)%n", apiRate, apiSeconds);
            System.out.printf("direct S3 (MinIO client)      : %7.1f MB/s (%.1f s)%n", directRate, directSeconds);
            System.out.printf("ratio API/direct = %.2f (target >= 0.70)%n", apiRate / directRate);
            System.out.printf("backend heap after GC: %.1f MB before, %.1f MB after (%+.1f MB)%n",
                    heapBefore / 1e6, heapAfter / 1e6, (heapAfter - heapBefore) / 1e6);
        }
        System.exit(0);
    }

    private interface Upload {
        void send(byte[] bytes) throws Exception;
    }

    private static double timed(List<byte[]> photos, int clients, Upload upload) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            workers.add(pool.submit(() -> {
                for (int n = next.getAndIncrement(); n < photos.size(); n = next.getAndIncrement()) {
                    upload.send(photos.get(n));
                }
                return null;
            }));
        }
        for (Future<?> w : workers) {
            w.get();
        }
        pool.shutdown();
        return (System.nanoTime() - start) / 1e9;
    }

    /** Same HTTP library as the MinIO client (OkHttp), so both paths are measured with one client stack. */
    private static final OkHttpClient OK = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(60))
            .writeTimeout(Duration.ofSeconds(60)).build();

    private static void api(HttpClient unused, URI base, String token, byte[] bytes) throws Exception {
        Request put = new Request.Builder().url(base.resolve("api/v1/attachments/" + Photos.sha256(bytes)).toString())
                .header("Authorization", "Bearer " + token)
                .put(RequestBody.create(bytes, MediaType.get("image/jpeg"))).build();
        try (okhttp3.Response response = OK.newCall(put).execute()) {
            if (response.code() != 201 && response.code() != 200) {
                throw new IllegalStateException("upload answered " + response.code());
            }
        }
    }

    /**
     * The same PUT the backend makes: one SHA-256 (the one that names the photo) sent as the S3
     * checksum and signed payload hash, so neither side hashes the bytes a second time.
     */
    private static void direct(MinioAsyncClient s3, String bucket, String prefix, byte[] bytes) throws Exception {
        byte[] sha = MessageDigest.getInstance("SHA-256").digest(bytes);
        Http.Headers headers = new Http.Headers();
        headers.put(Http.Headers.X_AMZ_CHECKSUM_SHA256, Base64.getEncoder().encodeToString(sha));
        s3.putObject(PutObjectAPIArgs.builder().bucket(bucket).object(prefix + HexFormat.of().formatHex(sha))
                .data(bytes, bytes.length).headers(headers).contentType("image/jpeg").build()).get();
    }
}
