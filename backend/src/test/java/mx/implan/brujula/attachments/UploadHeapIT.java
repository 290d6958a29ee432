package mx.implan.brujula.attachments;

import io.quarkus.elytron.security.common.BcryptUtil;
import mx.implan.brujula.testing.LargeJpegs;
import mx.implan.brujula.testing.Photos;
import mx.implan.brujula.testing.ScratchBucket;
import mx.implan.brujula.testsupport.BackendJar;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Uploads are streamed: 200 photos of 3 MB go through a backend started from the built jar with
 * {@code -Xmx256m}, four at a time, and the heap it holds after a full collection stays flat.
 */
class UploadHeapIT {

    private static final int PHOTOS = 200;
    private static final int CLIENTS = 4;

    @Test
    void twoHundredThreeMegabytePhotosUnderA256MegabyteHeap() throws Exception {
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        String database = System.getenv().getOrDefault("BRUJULA_TEST_DB_NAME", "brujula_test") + "_heap";
        LargeJpegs photos = LargeJpegs.threeMegabytes(7);
        assertThat(photos.size()).isBetween(2_500_000, 4_000_000);
        String run = Long.toHexString(System.nanoTime());
        // Its own bucket, emptied before and after: 600 MB per run must not pile up in the local S3 server.
        String bucket = System.getenv().getOrDefault("BRUJULA_S3_BUCKET", "brujula-photos-test") + "-heap";
        ScratchBucket.empty(bucket);
        try (BackendJar backend = BackendJar.start(module.resolve("target/quarkus-app/quarkus-run.jar"), database,
                List.of("-Xmx256m"), module.resolve("target/heap-it"), Map.of("BRUJULA_S3_BUCKET", bucket))) {
            backend.insertUser("heap-it", "inspector", BcryptUtil.bcryptHash("heap-it-password-1"));
            String token = backend.token("heap-it", "heap-it-password-1");
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            upload(http, backend.baseUri(), token, photos, run, 0, 8); // warm up code paths and pools
            long before = backend.heapAfterGc();
            List<Integer> statuses = upload(http, backend.baseUri(), token, photos, run, 8, PHOTOS + 8);
            long after = backend.heapAfterGc();
            assertThat(backend.alive()).isTrue();
            assertThat(statuses).hasSize(PHOTOS).containsOnly(201);
            System.out.printf("UploadHeapIT: heap after GC %.1f MB before, %.1f MB after %d × %.1f MB uploads%n",
                    before / 1e6, after / 1e6, PHOTOS, photos.size() / 1e6);
            // 600 MB went through; what stays is caches and pools, never the photos.
            assertThat(after - before).isLessThan(16L * 1024 * 1024);
        } finally {
            ScratchBucket.empty(bucket);
        }
    }

    private static List<Integer> upload(HttpClient http, URI base, String token, LargeJpegs photos, String run, int from, int to)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        AtomicInteger next = new AtomicInteger(from);
        List<Future<List<Integer>>> workers = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            workers.add(pool.submit(() -> {
                List<Integer> mine = new ArrayList<>();
                for (int n = next.getAndIncrement(); n < to; n = next.getAndIncrement()) {
                    byte[] bytes = photos.copy(run, n);
                    HttpRequest put = HttpRequest.newBuilder(base.resolve("api/v1/attachments/" + Photos.sha256(bytes)))
                            .header("Authorization", "Bearer " + token).header("Content-Type", "image/jpeg")
                            .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
                    mine.add(http.send(put, HttpResponse.BodyHandlers.discarding()).statusCode());
                }
                return mine;
            }));
        }
        List<Integer> all = new ArrayList<>();
        for (Future<List<Integer>> w : workers) {
            all.addAll(w.get());
        }
        pool.shutdown();
        return all;
    }
}
