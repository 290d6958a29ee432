package mx.implan.brujula.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import mx.implan.brujula.testsupport.BackendJar;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * {@code ./brujula bench features}: OGC API items pages of 1,000 features at a million observations
 * ({@link SyntheticCity}), beside the equivalent raw SQL over JDBC in the same run — the same rows in
 * the same order with the same columns (id, geometry as GeoJSON, kind, status, attributes, notes,
 * author, device, accuracy, rev, times), read as strings by a plain JDBC client. Two cases on the
 * staff collection {@code observations} (every row): first pages of random 0.01° boxes (with the
 * count of matches the API adds), and time-sorted pages followed through {@code next} links (the
 * keyset). Prints median, p95 and max latency and the ratio of medians. Not a test: it prints figures.
 */
public final class FeaturesBench {

    private static final String DATABASE = "brujula_bench_features";
    private static final String PASSWORD = "contraseña-de-bench-1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAGE = 1000;
    private static final String COLUMNS = """
            SELECT CAST(o.id AS text), ST_AsGeoJSON(o.geom, 7, 0), o.kind, o.status, CAST(o.attributes AS text), o.notes, o.author,
                   o.device_id, o.accuracy_m, o.rev, o.captured_at, o.received_at, o.updated_at
            FROM observation o""";

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        int n = Integer.parseInt(args.length > 1 ? args[1] : "1000000");
        int rounds = Integer.parseInt(args.length > 2 ? args[2] : "60");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        try (BackendJar backend = BackendJar.launch(jar).database(DATABASE).jvmOptions(List.of("-Xmx1g"))
                .env(Map.of("QUARKUS_LOG_LEVEL", "WARN")).start()) {
            long t0 = System.nanoTime();
            SyntheticCity.insert(backend, n);
            System.out.printf("features bench: %,d observations inserted in %.1f s; pages of %,d features, %d rounds per case%n",
                    n, (System.nanoTime() - t0) / 1e9, PAGE, rounds);
            backend.createUser("bench-supervisor", "supervisor", PASSWORD);
            String base = backend.baseUri().toString().replaceAll("/$", "");
            String token = IngestBench.token(http, base, "bench-supervisor", PASSWORD);
            try (Connection db = backend.database()) {
                // Warm-up of both paths (JIT, buffers), not measured.
                bboxes(http, base, token, db, 20, new Random(7));
                timeSorted(http, base, token, db, 10);
                double[][] bbox = bboxes(http, base, token, db, rounds, new Random(42));
                double[][] sorted = timeSorted(http, base, token, db, rounds);
                report("bbox pages (first page of a 0.01° box, with numberMatched)", bbox);
                report("time-sorted pages (keyset, through next links)", sorted);
            }
        }
        System.exit(0);
    }

    /** One timed call. */
    private interface Timed<T> {
        T run() throws Exception;
    }

    private record Result<T>(T value, double ms) {
    }

    private static <T> Result<T> time(Timed<T> call) throws Exception {
        long start = System.nanoTime();
        T value = call.run();
        return new Result<>(value, (System.nanoTime() - start) / 1e6);
    }

    /**
     * Per round: the first page of a random box through the API and the same rows by raw SQL. Whichever runs
     * second finds the box's pages in PostgreSQL's buffers, so the order alternates from round to round.
     */
    private static double[][] bboxes(HttpClient http, String base, String token, Connection db, int rounds, Random r) throws Exception {
        double[] api = new double[rounds];
        double[] raw = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            double x = SyntheticCity.WEST + r.nextDouble() * (SyntheticCity.EAST - SyntheticCity.WEST - 0.01);
            double y = SyntheticCity.SOUTH + r.nextDouble() * (SyntheticCity.NORTH - SyntheticCity.SOUTH - 0.01);
            String box = x + "," + y + "," + (x + 0.01) + "," + (y + 0.01);
            Timed<byte[]> viaApi = () -> get(http, base + "/ogc/collections/observations/items?limit=" + PAGE + "&bbox=" + box, token);
            Timed<Integer> viaSql = () -> raw(db, COLUMNS
                    + " WHERE ST_Intersects(o.geom, ST_MakeEnvelope(?, ?, ?, ?, 4326)) ORDER BY o.captured_at, o.id LIMIT ?",
                    x, y, x + 0.01, y + 0.01, PAGE + 1);
            Result<byte[]> a;
            Result<Integer> b;
            if (i % 2 == 0) {
                a = time(viaApi);
                b = time(viaSql);
            } else {
                b = time(viaSql);
                a = time(viaApi);
            }
            api[i] = a.ms();
            raw[i] = b.ms();
            check(JSON.readTree(a.value()), Math.min(b.value(), PAGE));
        }
        return new double[][]{api, raw};
    }

    /** Pages followed from the first through next links, and the same keyset by raw SQL (order alternating). */
    private static double[][] timeSorted(HttpClient http, String base, String token, Connection db, int rounds) throws Exception {
        double[] api = new double[rounds];
        double[] raw = new double[rounds];
        String next = base + "/ogc/collections/observations/items?limit=" + PAGE;
        String afterTime = null;
        String afterId = null;
        for (int i = 0; i < rounds; i++) {
            String url = next;
            String t = afterTime;
            String id = afterId;
            Timed<byte[]> viaApi = () -> get(http, url, token);
            Timed<Integer> viaSql = () -> t == null
                    ? raw(db, COLUMNS + " ORDER BY o.captured_at, o.id LIMIT ?", PAGE + 1)
                    : raw(db, COLUMNS + " WHERE (o.captured_at, o.id) > (CAST(? AS timestamptz), CAST(? AS uuid)) ORDER BY o.captured_at, o.id LIMIT ?",
                    t, id, PAGE + 1);
            Result<byte[]> a;
            Result<Integer> b;
            if (i % 2 == 0) {
                a = time(viaApi);
                b = time(viaSql);
            } else {
                b = time(viaSql);
                a = time(viaApi);
            }
            api[i] = a.ms();
            raw[i] = b.ms();
            JsonNode body = JSON.readTree(a.value());
            check(body, Math.min(b.value(), PAGE));
            next = link(body, "next");
            JsonNode last = body.path("features").path(PAGE - 1);
            afterTime = last.path("properties").path("capturedAt").asText();
            afterId = last.path("id").asText();
        }
        return new double[][]{api, raw};
    }

    private static void check(JsonNode page, int expected) {
        if (page.path("numberReturned").asInt() != expected || page.path("features").size() != expected) {
            throw new IllegalStateException("the API returned " + page.path("numberReturned") + " features where raw SQL read " + expected);
        }
    }

    private static int raw(Connection db, String sql, Object... params) throws Exception {
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            int rows = 0;
            long chars = 0;
            try (ResultSet rs = ps.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int c = 1; c <= columns; c++) {
                        String v = rs.getString(c);
                        chars += v == null ? 0 : v.length();
                    }
                    rows++;
                }
            }
            if (chars == 0 && rows > 0) {
                throw new IllegalStateException("raw rows without content");
            }
            return rows;
        }
    }

    /** The answer's bytes, as a client receives them (parsing them is the client's business, on both sides). */
    private static byte[] get(HttpClient http, String url, String token) throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + new String(response.body(), StandardCharsets.UTF_8));
        }
        return response.body();
    }

    private static String link(JsonNode page, String rel) {
        for (JsonNode l : page.path("links")) {
            if (rel.equals(l.path("rel").asText())) {
                return l.path("href").asText();
            }
        }
        throw new IllegalStateException("no " + rel + " link");
    }

    private static void report(String title, double[][] samples) {
        double[] api = samples[0].clone();
        double[] raw = samples[1].clone();
        Arrays.sort(api);
        Arrays.sort(raw);
        System.out.printf("%n%s%n%-28s %9s %9s %9s%n", title, "", "median ms", "p95 ms", "max ms");
        System.out.printf("%-28s %9.1f %9.1f %9.1f%n", "OGC API over HTTP", q(api, 0.5), q(api, 0.95), api[api.length - 1]);
        System.out.printf("%-28s %9.1f %9.1f %9.1f%n", "raw SQL over JDBC", q(raw, 0.5), q(raw, 0.95), raw[raw.length - 1]);
        System.out.printf("ratio of medians: %.2f× (target ≤ 1.3×); of p95: %.2f×%n", q(api, 0.5) / q(raw, 0.5), q(api, 0.95) / q(raw, 0.95));
    }

    private static double q(double[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

}
