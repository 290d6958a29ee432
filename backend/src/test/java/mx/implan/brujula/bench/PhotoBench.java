package mx.implan.brujula.bench;

import io.minio.GetPresignedObjectUrlArgs;
import io.minio.Http;
import io.minio.MinioAsyncClient;
import io.minio.PutObjectAPIArgs;
import io.quarkus.elytron.security.common.BcryptUtil;
import mx.implan.brujula.attachments.NoDelaySockets;
import mx.implan.brujula.testing.LargeJpegs;
import mx.implan.brujula.testing.Photos;
import mx.implan.brujula.testing.ScratchBucket;
import mx.implan.brujula.testsupport.BackendJar;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

import java.net.URI;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * {@code ./brujula bench photos}: photos of about 3 MB uploaded by C concurrent clients through the
 * API (streamed, hashed, type-sniffed, header-checked, stored in S3 by the backend started from the
 * built jar with -Xmx256m), and the same bytes put straight into the bucket with the MinIO client.
 *
 * <p>Both paths first run a warm-up (a server's throughput is the one it has after its JIT compiled
 * the upload path, not during its first seconds), then R measured rounds of N fresh photos each,
 * each round starting with another path, the bucket emptied after each. Prints
 * MB/s of both per round, the median ratio, CPU seconds per GB of each process on each path, and
 * the backend's heap after a full GC before and after. Not a test: it prints figures.
 */
public final class PhotoBench {

    /** Same HTTP library as the MinIO client (OkHttp), so both paths are measured with one client stack. */
    private static final OkHttpClient OK = new OkHttpClient.Builder().socketFactory(new NoDelaySockets(true)).readTimeout(Duration.ofSeconds(60))
            .writeTimeout(Duration.ofSeconds(60)).build();

    /** One way of putting a photo into the bucket. */
    private record UploadPath(String name, Upload upload) {
    }

    /** CPU seconds spent by each process during one timed phase. */
    private record Cpu(double backend, double s3, double client) {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        int total = Integer.parseInt(args.length > 1 ? args[1] : "200");
        int clients = Integer.parseInt(args.length > 2 ? args[2] : "4");
        String heap = args.length > 3 ? args[3] : "256m";
        int rounds = Integer.parseInt(args.length > 4 ? args[4] : "5");
        int warm = Integer.parseInt(args.length > 5 ? args[5] : "4000");
        String database = System.getenv().getOrDefault("BRUJULA_DB_NAME", "brujula_bench");
        LargeJpegs photos = LargeJpegs.threeMegabytes(42);
        String run = Long.toHexString(System.nanoTime());
        long volume = (long) total * photos.size();
        System.out.printf("photos bench: %d rounds of %d photos of %.2f MB (%.0f MB) per path after a warm-up of %d,"
                        + " %d clients, backend -Xmx%s%n",
                rounds, total, photos.size() / 1e6, volume / 1e6, warm, clients, heap);
        // Both paths' clients are one OkHttp configuration, the backend's own (Nagle off).
        MinioAsyncClient s3 = MinioAsyncClient.builder().endpoint(System.getenv("BRUJULA_S3_ENDPOINT")).region("us-east-1")
                .credentials(System.getenv("BRUJULA_S3_ACCESS_KEY"), System.getenv("BRUJULA_S3_SECRET_KEY"))
                .httpClient(OK).build();
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
            backend.insertUser("bench-photos", "inspector", BcryptUtil.bcryptHash("bench-photos-password"));
            String token = backend.token("bench-photos", "bench-photos-password");
            URI base = backend.baseUri();
            Optional<ProcessHandle> s3Server = ProcessHandle.allProcesses()
                    .filter(p -> p.info().commandLine().map(c -> c.contains("s3proxy")).orElse(false)).findFirst();
            ProcessHandle backendProcess = ProcessHandle.of(backend.pid()).orElseThrow();

            List<UploadPath> paths = List.of(
                    new UploadPath("API (PUT /api/v1/attachments)", b -> api(base, token, b)),
                    new UploadPath("direct S3 (MinIO putObject)", b -> direct(s3, bucket, "bench-direct/", b)),
                    new UploadPath("direct S3 (presigned PUT)", b -> presigned(s3, bucket, "bench-presigned/", b)));

            // Warm-up: many small photos run the per-request code (authentication, the attachment row,
            // the S3 request) through the JIT's thresholds; then rounds of large ones on every path
            // until the API's rate is steady (within 5 % of the round before, at most 8 rounds).
            LargeJpegs small = new LargeJpegs(160, 120, 7);
            StringBuilder warmed = new StringBuilder();
            for (UploadPath path : paths) {
                double seconds = timed(warm, clients, i -> small.copy(run + "-warm", i), path.upload());
                warmed.append(String.format(" %s %.1f s;", path.name(), seconds));
                ScratchBucket.empty(bucket);
            }
            int large = 100;
            List<String> apiRates = new ArrayList<>();
            double previous = 0;
            for (int w = 0; w < 8; w++) {
                String tag = run + "-warm-large-" + w;
                double rate = 0;
                for (int p = 0; p < paths.size(); p++) {
                    double seconds = timed(large, clients, i -> photos.copy(tag, i), paths.get(p).upload());
                    ScratchBucket.empty(bucket);
                    if (p == 0) {
                        rate = large * (double) photos.size() / 1e6 / seconds;
                        apiRates.add(String.format("%.0f", rate));
                    }
                }
                if (w > 0 && Math.abs(rate - previous) <= 0.05 * previous) {
                    break;
                }
                previous = rate;
            }
            System.out.printf("warm-up: %d photos of %.1f kB per path:%s then rounds of %d large photos on each path"
                    + " until the API's rate was steady: %s MB/s%n",
                    warm, small.size() / 1e3, warmed, large, String.join(", ", apiRates));

            long heapBefore = backend.heapAfterGc();
            double[][] seconds = new double[rounds][paths.size()];
            Cpu[] cpu = new Cpu[paths.size()];
            Arrays.fill(cpu, new Cpu(0, 0, 0));
            for (int r = 0; r < rounds; r++) {
                String tag = run + "-r" + r;
                List<byte[]> bytes = new ArrayList<>(total);
                for (int i = 0; i < total; i++) {
                    bytes.add(photos.copy(tag, i));
                }
                StringBuilder line = new StringBuilder();
                for (int k = 0; k < paths.size(); k++) {
                    int p = (k + r) % paths.size(); // each round starts with another path
                    Cpu before = cpu(backendProcess, s3Server);
                    seconds[r][p] = timed(total, clients, bytes::get, paths.get(p).upload());
                    cpu[p] = plus(cpu[p], minus(cpu(backendProcess, s3Server), before));
                    // Every phase starts from an empty bucket, without the previous one's gigabyte
                    // still being written back to disk (removed files are not written).
                    ScratchBucket.empty(bucket);
                }
                for (int p = 0; p < paths.size(); p++) {
                    line.append(String.format(" %s %6.1f MB/s;", paths.get(p).name(), volume / 1e6 / seconds[r][p]));
                }
                System.out.printf("round %d:%s ratios %.2f / %.2f%n", r + 1, line,
                        seconds[r][1] / seconds[r][0], seconds[r][2] / seconds[r][0]);
            }
            long heapAfter = backend.heapAfterGc();

            double gigabytes = volume * rounds / 1e9;
            double[] sums = new double[paths.size()];
            for (int p = 0; p < paths.size(); p++) {
                for (int r = 0; r < rounds; r++) {
                    sums[p] += seconds[r][p];
                }
                System.out.printf("%-31s: %7.1f MB/s (%.1f s); CPU s per GB: backend %.2f, S3 server %.2f, clients %.2f%n",
                        paths.get(p).name(), gigabytes * 1e3 / sums[p], sums[p],
                        cpu[p].backend() / gigabytes, cpu[p].s3() / gigabytes, cpu[p].client() / gigabytes);
            }
            for (int d = 1; d < paths.size(); d++) {
                int baseline = d;
                double[] ratios = Arrays.stream(seconds).mapToDouble(r -> r[baseline] / r[0]).sorted().toArray();
                System.out.printf("ratio API / %s = %.2f overall, %.2f median of %d rounds %s (target >= 0.70)%n",
                        paths.get(d).name(), sums[d] / sums[0], ratios[ratios.length / 2], rounds,
                        Arrays.toString(Arrays.stream(ratios).mapToObj(x -> String.format("%.2f", x)).toArray()));
            }
            System.out.printf("backend heap after GC: %.1f MB before, %.1f MB after (%+.1f MB)%n",
                    heapBefore / 1e6, heapAfter / 1e6, (heapAfter - heapBefore) / 1e6);
        }
        System.exit(0);
    }

    @FunctionalInterface
    private interface Upload {
        void send(byte[] bytes) throws Exception;
    }

    /** Seconds for {@code count} uploads of {@code photo(i)} by {@code clients} threads. */
    private static double timed(int count, int clients, IntFunction<byte[]> photo, Upload upload) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            workers.add(pool.submit(() -> {
                for (int n = next.getAndIncrement(); n < count; n = next.getAndIncrement()) {
                    upload.send(photo.apply(n));
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

    private static Cpu cpu(ProcessHandle backend, Optional<ProcessHandle> s3) {
        return new Cpu(seconds(backend), s3.map(PhotoBench::seconds).orElse(Double.NaN), seconds(ProcessHandle.current()));
    }

    private static double seconds(ProcessHandle process) {
        return process.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
    }

    private static Cpu minus(Cpu a, Cpu b) {
        return new Cpu(a.backend() - b.backend(), a.s3() - b.s3(), a.client() - b.client());
    }

    private static Cpu plus(Cpu a, Cpu b) {
        return new Cpu(a.backend() + b.backend(), a.s3() + b.s3(), a.client() + b.client());
    }

    private static void api(URI base, String token, byte[] bytes) throws Exception {
        Request put = new Request.Builder().url(base.resolve("api/v1/attachments/" + Photos.sha256(bytes)).toString())
                .header("Authorization", "Bearer " + token)
                .put(RequestBody.create(bytes, MediaType.get("image/jpeg"))).build();
        try (okhttp3.Response response = OK.newCall(put).execute()) {
            if (response.code() != 201) {
                throw new IllegalStateException("upload answered " + response.code() + " (every photo is new: 201)");
            }
        }
    }

    /** The backend's own S3 request: a PUT presigned by the MinIO client (unsigned payload, no checksum), sent by OkHttp. */
    private static void presigned(MinioAsyncClient s3, String bucket, String prefix, byte[] bytes) throws Exception {
        String url = s3.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder().method(Http.Method.PUT).bucket(bucket)
                .object(prefix + Photos.sha256(bytes)).expiry(3600).build());
        Request put = new Request.Builder().url(url).put(RequestBody.create(bytes, MediaType.get("image/jpeg"))).build();
        try (okhttp3.Response response = OK.newCall(put).execute()) {
            if (!response.isSuccessful()) {
                throw new IllegalStateException("presigned PUT answered " + response.code());
            }
        }
    }

    /**
     * The same bytes put straight into the bucket: one SHA-256 (the one that names the photo) sent
     * as the S3 checksum and signed payload hash, so the client hashes the bytes once, as the API
     * client does.
     */
    private static void direct(MinioAsyncClient s3, String bucket, String prefix, byte[] bytes) throws Exception {
        byte[] sha = MessageDigest.getInstance("SHA-256").digest(bytes);
        Http.Headers headers = new Http.Headers();
        headers.put(Http.Headers.X_AMZ_CHECKSUM_SHA256, Base64.getEncoder().encodeToString(sha));
        s3.putObject(PutObjectAPIArgs.builder().bucket(bucket).object(prefix + HexFormat.of().formatHex(sha))
                .data(bytes, bytes.length).headers(headers).contentType("image/jpeg").build()).get();
    }
}
