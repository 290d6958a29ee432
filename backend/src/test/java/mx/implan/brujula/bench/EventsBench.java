package mx.implan.brujula.bench;

import mx.implan.brujula.testsupport.BackendJar;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code ./brujula bench events}, the event pipeline's side: for each mode (in-process, Kafka) it
 * starts the packaged backend on a fresh database and measures
 * <ul>
 *   <li><b>commit → indicator visible</b>: N observations pushed over HTTP with the relay running;
 *   for every event, the time from its outbox row (written in the push's transaction) to the
 *   indicator projector's commit of its effect ({@code processed_event.processed_at}), p50 and p95;</li>
 *   <li><b>relay events/s</b>: N observations pushed with the relay off, then an instance with the
 *   relay on drains that backlog; events per second between its first and last published batch. On
 *   Kafka that instance's projectors are off (the relay alone, as the plain producer); in-process
 *   the channel acknowledges after the projectors' commit, so the figure is relay and projection.</li>
 * </ul>
 * The database holds Hermosillo's zones and works (the demo's reference data, without its reports),
 * so every event moves real indicator cells (an AGEB, its locality and the municipality). With
 * {@code BRUJULA_BENCH_BASELINE} (a plain producer's records/s, measured in the same run by
 * {@code bench/events.sh}) the relay's figures are also printed as a ratio of it.
 * Not a test: it prints figures (docs/benchmarks.md, "Events").
 */
public final class EventsBench {

    private static final String PASSWORD = "bench-events-password-1";
    private static final String DATABASE = "brujula_bench_events";

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        String kafka = args.length > 2 ? args[2] : "";
        String consumer = args.length > 3 ? args[3] : "indicators";
        System.out.printf("events bench: %,d observations per measurement; projector %s%n", n, consumer);
        double baseline = Double.parseDouble(System.getenv().getOrDefault("BRUJULA_BENCH_BASELINE", "0"));
        double pace = Double.parseDouble(System.getenv().getOrDefault("BRUJULA_BENCH_EVENTS_PACE", "1000"));
        Map<String, String> demo = Map.of("BRUJULA_DEMO", "true", "BRUJULA_DEMO_REPORTS", "false");
        measure("in-process", jar, n, demo, List.of(), consumer, baseline, pace);
        if (!kafka.isBlank()) {
            String run = "bench-" + UUID.randomUUID().toString().substring(0, 8);
            Map<String, String> env = new HashMap<>(demo);
            env.putAll(Map.of("QUARKUS_PROFILE", "kafka", "BRUJULA_KAFKA_BOOTSTRAP", kafka, "BRUJULA_KAFKA_GROUP", run));
            // Topics of this run only: a fresh database restarts outbox ids, and old records must not meet them.
            List<String> topics = new ArrayList<>();
            for (String channel : List.of("observation-events", "work-events")) {
                topics.add("-D%kafka.mp.messaging.outgoing." + channel + ".topic=" + run + "." + channel);
                topics.add("-D%kafka.mp.messaging.incoming." + channel + "-in.topic=" + run + "." + channel);
            }
            measure("Kafka", jar, n, env, topics, consumer, baseline, pace);
        }
        System.exit(0);
    }

    private static void measure(String mode, Path jar, int n, Map<String, String> env, List<String> options, String consumer,
                                double baseline, double pace) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        List<String> jvm = new ArrayList<>(List.of("-Xmx1g"));
        jvm.addAll(options);
        // 1. Latency, relay running. A first unmeasured push warms both JVMs up.
        try (BackendJar backend = BackendJar.launch(jar).database(DATABASE).jvmOptions(jvm).env(env).start()) {
            backend.createUser("bench", "inspector", PASSWORD);
            String token = IngestBench.token(http, backend.baseUri().toString().replaceAll("/$", ""), "bench", PASSWORD);
            String base = backend.baseUri().toString().replaceAll("/$", "");
            IngestBench.runHttp(http, base, token, Math.min(n, 5000), 4, 100);
            awaitSettled(backend, consumer, 0);
            latency(mode, "as fast as 4 devices push", backend, http, base, token, n, 0, consumer);
            latency(mode, String.format("paced at %,.0f obs/s", pace), backend, http, base, token, n, pace, consumer);
        }
        // 2. Relay throughput on a backlog.
        Map<String, String> relayOff = new HashMap<>(env);
        relayOff.put("BRUJULA_EVENTS_RELAY_ENABLED", "false");
        try (BackendJar backend = BackendJar.launch(jar).database(DATABASE).jvmOptions(jvm).env(relayOff).start()) {
            backend.createUser("bench", "inspector", PASSWORD);
            String base = backend.baseUri().toString().replaceAll("/$", "");
            IngestBench.runHttp(http, base, IngestBench.token(http, base, "bench", PASSWORD), n, 4, 100);
        }
        // On Kafka the relay is measured alone (the projectors' channels off), as the plain producer is;
        // in-process the channel acknowledges after the projectors' commit, so it is relay and projection together.
        List<String> drainJvm = new ArrayList<>(jvm);
        if (!env.isEmpty() && "kafka".equals(env.get("QUARKUS_PROFILE"))) {
            drainJvm.add("-Dmp.messaging.incoming.observation-events-in.enabled=false");
            drainJvm.add("-Dmp.messaging.incoming.work-events-in.enabled=false");
        }
        try (BackendJar backend = BackendJar.launch(jar).existingDatabase(DATABASE).jvmOptions(drainJvm).env(env).start()) {
            awaitSettled(backend, consumer, 0);
            try (Connection c = backend.database(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                    SELECT count(*), extract(epoch FROM max(published_at) - min(published_at)),
                           (SELECT count(*) FROM outbox WHERE published_at = (SELECT min(published_at) FROM outbox))
                    FROM outbox""")) {
                rs.next();
                long events = rs.getLong(1) - rs.getLong(3);
                double seconds = rs.getDouble(2);
                double rate = events / seconds;
                System.out.printf("%-10s relay (%s): %,d events drained at %,.0f events/s%s%n", mode,
                        drainJvm.size() > jvm.size() ? "alone, projectors off" : "acknowledged by the projectors' commit", rs.getLong(1), rate,
                        baseline > 0 ? String.format(" = %.2f× the plain producer's %,.0f records/s (target ≥ 0.5×)", rate / baseline, baseline) : "");
            }
        }
    }

    /**
     * Pushes N observations (as fast as the devices can, or paced) and prints, for their events, the
     * time from the outbox row (written in the push's transaction; its start) to the end of the
     * projector's transaction that applied it.
     */
    private static void latency(String mode, String how, BackendJar backend, HttpClient http, String base, String token, int n,
                                double pace, String consumer) throws Exception {
        long mark = scalar(backend, "SELECT coalesce(max(id), 0) FROM outbox");
        double pushRate = IngestBench.runHttp(http, base, token, n, 4, 100, pace);
        awaitSettled(backend, consumer, mark);
        try (Connection c = backend.database(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT count(*),
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM p.processed_at - o.created_at)),
                       percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM p.processed_at - o.created_at)),
                       max(extract(epoch FROM p.processed_at - o.created_at))
                FROM outbox o JOIN processed_event p ON p.event_id = o.id AND p.consumer = '%s'
                WHERE o.id > %d""".formatted(consumer, mark))) {
            rs.next();
            System.out.printf("%-10s commit → indicator visible, %s: %,d events pushed at %,.0f obs/s; p50 %.3f s, p95 %.3f s, max %.3f s%n",
                    mode, how, rs.getLong(1), pushRate, rs.getDouble(2), rs.getDouble(3), rs.getDouble(4));
        }
    }

    /** Until every event after {@code mark} is published and the projector's count stops growing for 3 s. */
    private static void awaitSettled(BackendJar backend, String consumer, long mark) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
        long last = -1;
        long stableSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            long pending = scalar(backend, "SELECT count(*) FROM outbox WHERE published_at IS NULL AND id > " + mark);
            long processed = scalar(backend, "SELECT count(*) FROM processed_event WHERE consumer = '" + consumer + "' AND event_id > " + mark);
            if (processed != last) {
                last = processed;
                stableSince = System.nanoTime();
            }
            if (pending == 0 && System.nanoTime() - stableSince > Duration.ofSeconds(3).toNanos()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the pipeline did not settle within 15 minutes");
    }

    private static long scalar(BackendJar backend, String sql) throws SQLException {
        try (Connection c = backend.database(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
