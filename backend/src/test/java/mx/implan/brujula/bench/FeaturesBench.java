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
 * ({@link SyntheticCity}), beside raw SQL over JDBC in the same run, on the same rows in the same order:
 * <ul>
 *   <li>the equivalent raw SQL: PostgreSQL builds the same page as GeoJSON the plain way
 *       ({@code ST_AsGeoJSON(row)} of the same columns, joined into a FeatureCollection), read as one
 *       string — what the API does, without the server around it (the target's baseline, ≤ 1.3×);</li>
 *   <li>plain columns: the same columns as values (geometry as GeoJSON text), no JSON document — the
 *       floor, printed for reference.</li>
 * </ul>
 * Two cases on the staff collection {@code observations} (every row): first pages of random 0.01° boxes
 * (with the count of matches the API adds), and time-sorted pages followed through {@code next} links
 * (the keyset). The three are run in a rotating order, so none always finds the others' pages in the
 * buffers. Prints median, p95 and max and the ratios. Not a test: it prints figures.
 */
public final class FeaturesBench {

    private static final String DATABASE = "brujula_bench_features";
    private static final String PASSWORD = "contraseña-de-bench-1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAGE = 1000;
    private static final String COLUMNS = """
            SELECT CAST(o.id AS text), ST_AsGeoJSON(o.geom, 7, 0), o.kind, o.status, CAST(o.attributes AS text), o.notes, o.author,
                   o.device_id, o.accuracy_m, o.flags, o.rev, io.zone_id, o.captured_at, o.received_at, o.updated_at, CAST(o.photos AS text)
            FROM observation o LEFT JOIN indicator_observation io ON io.observation_id = o.id""";
    /** The same rows as one GeoJSON FeatureCollection made by PostgreSQL: %s is the WHERE/ORDER/LIMIT tail. */
    private static final String GEOJSON = """
            SELECT '{"type":"FeatureCollection","features":[' || COALESCE(string_agg(ST_AsGeoJSON(t.*, 'geom', 7), ','), '') || ']}'
            FROM (SELECT o.id, o.geom, o.kind, o.status, o.attributes, o.notes, o.author, o.device_id AS "deviceId",
                         o.accuracy_m AS "accuracyM", o.flags, o.rev, io.zone_id AS zone, o.captured_at AS "capturedAt",
                         o.received_at AS "receivedAt", o.updated_at AS "updatedAt", o.photos
                  FROM observation o LEFT JOIN indicator_observation io ON io.observation_id = o.id %s) t""";

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

    /** Runs the round's calls in an order rotating with the round, each timed; returns their times in the given order. */
    private static double[] rotate(int round, List<Timed<?>> calls, Object[] values) throws Exception {
        double[] ms = new double[calls.size()];
        for (int k = 0; k < calls.size(); k++) {
            int which = (round + k) % calls.size();
            Result<?> result = time(calls.get(which));
            ms[which] = result.ms();
            values[which] = result.value();
        }
        return ms;
    }

    /** Per round: the first page of a random 0.01° box through the API and both raw ways. */
    private static double[][] bboxes(HttpClient http, String base, String token, Connection db, int rounds, Random r) throws Exception {
        double[][] ms = new double[3][rounds];
        for (int i = 0; i < rounds; i++) {
            double x = SyntheticCity.WEST + r.nextDouble() * (SyntheticCity.EAST - SyntheticCity.WEST - 0.01);
            double y = SyntheticCity.SOUTH + r.nextDouble() * (SyntheticCity.NORTH - SyntheticCity.SOUTH - 0.01);
            String box = x + "," + y + "," + (x + 0.01) + "," + (y + 0.01);
            String where = " WHERE ST_Intersects(o.geom, ST_MakeEnvelope(?, ?, ?, ?, 4326)) ORDER BY o.captured_at, o.id LIMIT ?";
            Object[] values = new Object[3];
            double[] t = rotate(i, List.of(
                    () -> get(http, base + "/ogc/collections/observations/items?limit=" + PAGE + "&bbox=" + box, token),
                    () -> document(db, GEOJSON.formatted(where), x, y, x + 0.01, y + 0.01, PAGE),
                    () -> raw(db, COLUMNS + where, x, y, x + 0.01, y + 0.01, PAGE + 1)), values);
            for (int k = 0; k < 3; k++) {
                ms[k][i] = t[k];
            }
            check(JSON.readTree((byte[]) values[0]), Math.min((Integer) values[2], PAGE), (String) values[1]);
        }
        return ms;
    }

    /** Pages followed from the first through next links, and the same keyset both raw ways. */
    private static double[][] timeSorted(HttpClient http, String base, String token, Connection db, int rounds) throws Exception {
        double[][] ms = new double[3][rounds];
        String next = base + "/ogc/collections/observations/items?limit=" + PAGE;
        String afterTime = null;
        String afterId = null;
        for (int i = 0; i < rounds; i++) {
            String url = next;
            String when = afterTime;
            String id = afterId;
            String first = " ORDER BY o.captured_at, o.id LIMIT ?";
            String after = " WHERE (o.captured_at, o.id) > (CAST(? AS timestamptz), CAST(? AS uuid)) ORDER BY o.captured_at, o.id LIMIT ?";
            Object[] values = new Object[3];
            double[] t = rotate(i, List.of(
                    () -> get(http, url, token),
                    () -> when == null ? document(db, GEOJSON.formatted(first), PAGE) : document(db, GEOJSON.formatted(after), when, id, PAGE),
                    () -> when == null ? raw(db, COLUMNS + first, PAGE + 1) : raw(db, COLUMNS + after, when, id, PAGE + 1)), values);
            for (int k = 0; k < 3; k++) {
                ms[k][i] = t[k];
            }
            JsonNode body = JSON.readTree((byte[]) values[0]);
            check(body, Math.min((Integer) values[2], PAGE), (String) values[1]);
            next = link(body, "next");
            JsonNode last = body.path("features").path(PAGE - 1);
            afterTime = last.path("properties").path("capturedAt").asText();
            afterId = last.path("id").asText();
        }
        return ms;
    }

    /** One string built by PostgreSQL. */
    private static String document(Connection db, String sql, Object... params) throws Exception {
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static void check(JsonNode page, int expected, String geojson) throws Exception {
        if (page.path("numberReturned").asInt() != expected || page.path("features").size() != expected
                || JSON.readTree(geojson).path("features").size() != expected) {
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
        double[] api = sorted(samples[0]);
        double[] doc = sorted(samples[1]);
        double[] cols = sorted(samples[2]);
        System.out.printf("%n%s%n%-40s %9s %9s %9s%n", title, "", "median ms", "p95 ms", "max ms");
        System.out.printf("%-40s %9.1f %9.1f %9.1f%n", "OGC API over HTTP", q(api, 0.5), q(api, 0.95), api[api.length - 1]);
        System.out.printf("%-40s %9.1f %9.1f %9.1f%n", "raw SQL, GeoJSON page by PostgreSQL", q(doc, 0.5), q(doc, 0.95), doc[doc.length - 1]);
        System.out.printf("%-40s %9.1f %9.1f %9.1f%n", "raw SQL, plain columns (floor)", q(cols, 0.5), q(cols, 0.95), cols[cols.length - 1]);
        System.out.printf("API / raw GeoJSON SQL: %.2f× median, %.2f× p95 (target ≤ 1.3×); API / plain columns: %.2f× median%n",
                q(api, 0.5) / q(doc, 0.5), q(api, 0.95) / q(doc, 0.95), q(api, 0.5) / q(cols, 0.5));
    }

    private static double[] sorted(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c;
    }

    private static double q(double[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

}
