package mx.implan.brujula.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code ./brujula bench ingest}: N observations pushed by C concurrent clients in batches over HTTP
 * (validation, auth, per-item transactions, revision, change log, outbox, idempotency log), then
 * the same rows inserted straight into the same tables with plain JDBC batches. Prints obs/s for
 * both and the ratio. Not a test: it prints figures.
 */
public final class IngestBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Measured rounds of each path, alternating. */
    private static final int ROUNDS = 3;

    public static void main(String[] args) throws Exception {
        String baseUrl = arg(args, 0, "http://127.0.0.1:8099");
        String username = arg(args, 1, "bench");
        String password = arg(args, 2, "bench-password-123");
        int total = Integer.parseInt(arg(args, 3, "20000"));
        int clients = Integer.parseInt(arg(args, 4, "8"));
        int batchSize = Integer.parseInt(arg(args, 5, "100"));
        String jdbcUrl = arg(args, 6, "jdbc:postgresql://127.0.0.1:5432/brujula_bench?user=postgres");

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String token = token(http, baseUrl, username, password);

        System.out.printf("ingest bench: %,d observations, %d clients, batches of %d%n", total, clients, batchSize);
        // Both paths run once unmeasured first, so the JIT has compiled them before the clock starts. As many
        // observations as measured: after a quarter of that, a flight recording still showed the backend's
        // compiler threads busy for more than a second per second of the measured push, on a two-core machine.
        int warmUp = Math.max(clients * batchSize, total);
        runHttp(http, baseUrl, token, warmUp, clients, batchSize);
        runJdbc(jdbcUrl, warmUp, clients, batchSize, username);
        // Alternating rounds, medians: the two paths share two cores with PostgreSQL and the load generator, and one
        // round of each spread ±15 % from run to run.
        double[] httpRates = new double[ROUNDS];
        double[] jdbcRates = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            httpRates[round] = runHttp(http, baseUrl, token, total, clients, batchSize);
            jdbcRates[round] = runJdbc(jdbcUrl, total, clients, batchSize, username);
        }
        double httpRate = median(httpRates);
        double jdbcRate = median(jdbcRates);
        System.out.printf("HTTP push   : %,10.0f obs/s (median of %d rounds)%n", httpRate, ROUNDS);
        System.out.printf("plain JDBC  : %,10.0f obs/s (median of %d rounds)%n", jdbcRate, ROUNDS);
        System.out.printf("ratio HTTP/JDBC = %.2f (target >= 0.60)%n", httpRate / jdbcRate);
        System.exit(0);
    }

    static double runHttp(HttpClient http, String baseUrl, String token, int total, int clients, int batchSize) throws Exception {
        return runHttp(http, baseUrl, token, total, clients, batchSize, 0);
    }

    /**
     * Pushes {@code total} observations from {@code clients} devices in batches; with {@code perSecond}
     * above 0, at that pace (the clients' batches evenly spread over time), as fast as they can otherwise.
     */
    static double runHttp(HttpClient http, String baseUrl, String token, int total, int clients, int batchSize, double perSecond)
            throws Exception {
        AtomicLong created = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        int perClient = total / clients;
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            futures.add(pool.submit(() -> {
                Random random = new Random(client);
                for (int sent = 0; sent < perClient; sent += batchSize) {
                    if (perSecond > 0) {
                        // This client's batch k is due at (k * clients + client) batches' worth of time.
                        long due = start + (long) (((double) sent / batchSize * clients + client) * batchSize / perSecond * 1e9);
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        }
                    }
                    int n = Math.min(batchSize, perClient - sent);
                    ObjectNode body = JSON.createObjectNode();
                    body.put("deviceId", "bench-" + client);
                    body.put("sentAt", OffsetDateTime.now(ZoneOffset.UTC).toString());
                    ArrayNode items = body.putArray("items");
                    for (int i = 0; i < n; i++) {
                        items.add(item(random));
                    }
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/sync/push"))
                            .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("push answered " + response.statusCode() + ": " + response.body());
                    }
                    for (JsonNode r : JSON.readTree(response.body()).get("results")) {
                        if (!"CREATED".equals(r.get("status").asText())) {
                            throw new IllegalStateException("unexpected result " + r);
                        }
                        created.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        System.out.printf("HTTP: %,d created in %.1f s%n", created.get(), seconds);
        return created.get() / seconds;
    }

    /** The rows one push writes per observation, inserted with JDBC batches and one commit per batch. */
    private static double runJdbc(String jdbcUrl, int total, int clients, int batchSize, String author) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        int perClient = total / clients;
        AtomicLong written = new AtomicLong();
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            futures.add(pool.submit(() -> {
                Random random = new Random(1000 + client);
                try (Connection db = DriverManager.getConnection(jdbcUrl)) {
                    db.setAutoCommit(false);
                    try (PreparedStatement obs = db.prepareStatement("INSERT INTO observation (id, kind, geom, accuracy_m, captured_at,"
                            + " captured_offset, captured_at_precision, device_id, notes, attributes, photos, status, flags, author, rev,"
                            + " content_hash, received_at, updated_at) VALUES (?, ?, ST_SetSRID(ST_GeomFromGeoJSON(?), 4326), ?, ?::timestamptz,"
                            + " '-07:00', 'INSTANT', ?, ?, ?::jsonb, '[]'::jsonb, 'REPORTED', '{}', ?, 1, ?, now(), now())");
                         PreparedStatement rev = db.prepareStatement("INSERT INTO observation_revision (observation_id, rev, op_id, actor,"
                                 + " change, content_hash, doc) VALUES (?, 1, ?, ?, 'CREATE', ?, ?::jsonb)");
                         PreparedStatement op = db.prepareStatement("INSERT INTO applied_op (op_id, observation_id, actor, status, rev, result)"
                                 + " VALUES (?, ?, ?, 'CREATED', 1, ?::jsonb)");
                         PreparedStatement change = db.prepareStatement("INSERT INTO change_log (entity_type, entity_id, op, rev, owner)"
                                 + " VALUES ('observation', ?, 'UPSERT', 1, ?)");
                         PreparedStatement outbox = db.prepareStatement("INSERT INTO outbox (aggregate_type, aggregate_id, event_type, payload)"
                                 + " VALUES ('observation', ?, 'observation.created', ?::jsonb)")) {
                        for (int sent = 0; sent < perClient; sent += batchSize) {
                            int n = Math.min(batchSize, perClient - sent);
                            for (int i = 0; i < n; i++) {
                                ObjectNode item = item(random);
                                UUID id = UUID.fromString(item.get("id").asText());
                                UUID opId = UUID.fromString(item.get("opId").asText());
                                String doc = item.toString();
                                String hash = String.format("%064x", new java.math.BigInteger(1,
                                        java.security.MessageDigest.getInstance("SHA-256").digest(doc.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
                                obs.setObject(1, id);
                                obs.setString(2, item.get("kind").asText());
                                obs.setString(3, item.get("geometry").toString());
                                obs.setDouble(4, item.get("accuracyM").asDouble());
                                obs.setString(5, item.get("capturedAt").asText());
                                obs.setString(6, item.get("deviceId").asText());
                                obs.setString(7, item.get("notes").asText());
                                obs.setString(8, item.get("attributes").toString());
                                obs.setString(9, author);
                                obs.setString(10, hash);
                                obs.addBatch();
                                rev.setObject(1, id);
                                rev.setObject(2, opId);
                                rev.setString(3, author);
                                rev.setString(4, hash);
                                rev.setString(5, doc);
                                rev.addBatch();
                                op.setObject(1, opId);
                                op.setObject(2, id);
                                op.setString(3, author);
                                op.setString(4, "{\"id\":\"" + id + "\",\"status\":\"CREATED\",\"rev\":1}");
                                op.addBatch();
                                change.setString(1, id.toString());
                                change.setString(2, author);
                                change.addBatch();
                                outbox.setString(1, id.toString());
                                outbox.setString(2, doc);
                                outbox.addBatch();
                            }
                            obs.executeBatch();
                            rev.executeBatch();
                            op.executeBatch();
                            change.executeBatch();
                            outbox.executeBatch();
                            db.commit();
                            written.addAndGet(n);
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        System.out.printf("JDBC: %,d inserted in %.1f s%n", written.get(), seconds);
        return written.get() / seconds;
    }

    /** A realistic RISK point inside Hermosillo's urban area. */
    static ObjectNode item(Random random) {
        ObjectNode item = JSON.createObjectNode();
        item.put("id", UUID.randomUUID().toString());
        item.put("opId", UUID.randomUUID().toString());
        item.put("kind", "RISK");
        ObjectNode geometry = item.putObject("geometry");
        geometry.put("type", "Point");
        geometry.putArray("coordinates").add(-111.02 + random.nextDouble() * 0.12).add(29.02 + random.nextDouble() * 0.12);
        item.put("accuracyM", 3 + random.nextInt(20));
        item.put("capturedAt", OffsetDateTime.now(ZoneOffset.ofHours(-7)).minusMinutes(random.nextInt(600)).withNano(0).toString());
        item.put("deviceId", "bench");
        item.put("notes", "Grieta en banqueta, observación de prueba de carga");
        item.put("baseRev", 0);
        ObjectNode attributes = item.putObject("attributes");
        attributes.put("hazard", "GRIETA");
        attributes.put("severity", 1 + random.nextInt(5));
        attributes.put("peopleExposed", random.nextInt(100));
        return item;
    }

    static String token(HttpClient http, String baseUrl, String username, String password) throws Exception {
        ObjectNode body = JSON.createObjectNode();
        body.put("username", username);
        body.put("password", password);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/auth/token"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("sign-in answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body()).get("accessToken").asText();
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static String arg(String[] args, int i, String fallback) {
        return args.length > i && !args[i].isBlank() ? args[i] : fallback;
    }
}
