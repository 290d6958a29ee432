package mx.implan.brujula.bench;

import mx.implan.brujula.ogc.tiles.TileAddress;
import mx.implan.brujula.testsupport.BackendJar;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code ./brujula bench tiles}: N synthetic observations (1,000,000 by default) over Hermosillo's
 * city box, mixed kinds, statuses and severities, inserted straight into the bench database (a bench
 * may write directly; it is not the product's write path). A fixed set of tiles, z 10–17, of the
 * staff collection {@code observations} (every point) is fetched over HTTP from the packaged backend
 * — cold cache, then warm — and the same tiles are made by the naive {@code ST_AsMVT} SQL over JDBC
 * (every point as a feature with the same simple attributes, no clusters, no cache) in the same run.
 * Prints median, p95 and max latency and size per zoom, and the ratios. Not a test: it prints figures.
 */
public final class TilesBench {

    private static final String DATABASE = "brujula_bench_tiles";
    private static final String PASSWORD = "contraseña-de-bench-1";
    private static final double WEST = SyntheticCity.WEST, EAST = SyntheticCity.EAST, SOUTH = SyntheticCity.SOUTH, NORTH = SyntheticCity.NORTH;

    /** The naive tile: all points of the tile and its buffer, their attributes as plain columns. */
    private static final String NAIVE = """
            WITH b AS (SELECT ST_TileEnvelope(?, ?, ?) AS env, ST_Transform(ST_TileEnvelope(?, ?, ?, margin => 0.015625), 4326) AS wide)
            SELECT ST_AsMVT(t, 'observations', 4096, 'geom') FROM (
              SELECT ST_AsMVTGeom(ST_Transform(o.geom, 3857), b.env, 4096, 64, true) AS geom, CAST(o.id AS text) AS id,
                     o.kind, o.status, o.notes, o.author, o.device_id AS "deviceId", o.accuracy_m AS "accuracyM", o.rev,
                     o.captured_at AS "capturedAt", o.received_at AS "receivedAt", o.updated_at AS "updatedAt"
              FROM observation o, b WHERE o.geom && b.wide) t""";

    private record Sample(int z, double ms, long bytes) {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        int n = Integer.parseInt(args.length > 1 ? args[1] : "1000000");
        List<TileAddress> tiles = tiles();
        System.out.printf("tiles bench: %,d observations over Hermosillo, %d tiles z 10–17 of the collection observations%n", n, tiles.size());
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        try (BackendJar backend = BackendJar.launch(jar).database(DATABASE).jvmOptions(List.of("-Xmx1g",
                        // The indicators' periodic derivation reads every observation: off, so it does not run beside the measurement.
                        "-Dbrujula.indicators.refresh-every=off"))
                .env(Map.of("QUARKUS_LOG_LEVEL", "WARN")).start()) {
            long t0 = System.nanoTime();
            SyntheticCity.insert(backend, n);
            System.out.printf("inserted %,d observations in %.1f s (INSERT … SELECT generate_series, then ANALYZE)%n", n, (System.nanoTime() - t0) / 1e9);
            backend.createUser("bench-supervisor", "supervisor", PASSWORD);
            String base = backend.baseUri().toString().replaceAll("/$", "");
            String token = IngestBench.token(http, base, "bench-supervisor", PASSWORD);
            // Warm-up, outside the measured set: the JVM's JIT and PostgreSQL's buffers (a real server has both).
            naive(backend, tiles);
            for (TileAddress t : warmUp()) {
                fetch(http, base, token, "risks", t);
            }
            List<Sample> cold = new ArrayList<>();
            for (TileAddress t : tiles) {
                cold.add(fetch(http, base, token, "observations", t));
            }
            List<Sample> warm = new ArrayList<>();
            for (TileAddress t : tiles) {
                warm.add(fetch(http, base, token, "observations", t));
            }
            List<Sample> raw = naive(backend, tiles);
            report(cold, warm, raw);
        }
        System.exit(0);
    }

    /** Every tile over the city box at z 10–13, then 40 distinct tiles per zoom at z 14–17, drawn with a fixed seed. */
    static List<TileAddress> tiles() {
        Set<TileAddress> set = new LinkedHashSet<>();
        for (int z = 10; z <= 13; z++) {
            TileAddress nw = TileAddress.containing(WEST, NORTH, z);
            TileAddress se = TileAddress.containing(EAST, SOUTH, z);
            for (int x = nw.x(); x <= se.x(); x++) {
                for (int y = nw.y(); y <= se.y(); y++) {
                    set.add(new TileAddress(z, x, y));
                }
            }
        }
        Random r = new Random(13);
        for (int z = 14; z <= 17; z++) {
            int added = 0;
            while (added < 40) {
                if (set.add(TileAddress.containing(WEST + r.nextDouble() * (EAST - WEST), SOUTH + r.nextDouble() * (NORTH - SOUTH), z))) {
                    added++;
                }
            }
        }
        return List.copyOf(set);
    }

    private static List<TileAddress> warmUp() {
        List<TileAddress> tiles = new ArrayList<>();
        Random r = new Random(99);
        for (int i = 0; i < 60; i++) {
            tiles.add(TileAddress.containing(WEST + r.nextDouble() * (EAST - WEST), SOUTH + r.nextDouble() * (NORTH - SOUTH), 10 + i % 8));
        }
        return tiles;
    }

    private static Sample fetch(HttpClient http, String base, String token, String collection, TileAddress t) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/ogc/collections/" + collection + "/tiles/WebMercatorQuad/"
                        + t.z() + "/" + t.y() + "/" + t.x()))
                .header("Authorization", "Bearer " + token).header("Accept-Encoding", "gzip").timeout(Duration.ofSeconds(60)).build();
        long start = System.nanoTime();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        double ms = (System.nanoTime() - start) / 1e6;
        if (response.statusCode() != 200 && response.statusCode() != 204) {
            throw new IllegalStateException(t + " answered " + response.statusCode() + ": " + new String(response.body()));
        }
        return new Sample(t.z(), ms, response.body().length);
    }

    private static List<Sample> naive(BackendJar backend, List<TileAddress> tiles) throws Exception {
        List<Sample> samples = new ArrayList<>();
        try (Connection c = backend.database(); PreparedStatement ps = c.prepareStatement(NAIVE)) {
            for (TileAddress t : tiles) {
                for (int i = 0; i < 2; i++) {
                    ps.setInt(1 + 3 * i, t.z());
                    ps.setInt(2 + 3 * i, t.x());
                    ps.setInt(3 + 3 * i, t.y());
                }
                long start = System.nanoTime();
                long bytes;
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    byte[] mvt = rs.getBytes(1);
                    bytes = mvt == null ? 0 : mvt.length;
                }
                samples.add(new Sample(t.z(), (System.nanoTime() - start) / 1e6, bytes));
            }
        }
        return samples;
    }

    private static void report(List<Sample> cold, List<Sample> warm, List<Sample> raw) {
        System.out.println();
        System.out.println("latency ms (median / p95 / max) and size KB (median / max) per zoom; HTTP sizes are gzip, naive sizes plain MVT");
        System.out.printf("%-4s %-5s | %-22s | %-22s | %-22s | %-13s | %-13s | %s%n", "z", "tiles", "HTTP cold", "HTTP warm",
                "naive SQL", "KB HTTP", "KB naive", "cold/naive  warm/naive (medians)");
        Map<Integer, List<Sample>> byZoomCold = byZoom(cold);
        Map<Integer, List<Sample>> byZoomWarm = byZoom(warm);
        Map<Integer, List<Sample>> byZoomRaw = byZoom(raw);
        for (int z : byZoomCold.keySet()) {
            double[] c = ms(byZoomCold.get(z));
            double[] w = ms(byZoomWarm.get(z));
            double[] r = ms(byZoomRaw.get(z));
            double[] kc = kb(byZoomCold.get(z));
            double[] kr = kb(byZoomRaw.get(z));
            System.out.printf("%-4d %-5d | %6.1f %6.1f %7.1f | %6.1f %6.1f %7.1f | %6.1f %6.1f %7.1f | %5.1f %7.1f | %5.1f %7.1f | %5.2f×  %5.3f×%n",
                    z, byZoomCold.get(z).size(), pct(c, 50), pct(c, 95), c[c.length - 1], pct(w, 50), pct(w, 95), w[w.length - 1],
                    pct(r, 50), pct(r, 95), r[r.length - 1], pct(kc, 50), kc[kc.length - 1], pct(kr, 50), kr[kr.length - 1],
                    pct(c, 50) / pct(r, 50), pct(w, 50) / pct(r, 50));
        }
        double[] all = ms(cold);
        double[] sizes = kb(cold);
        System.out.printf("every tile, cold: max %.1f ms (target < 50), max %.1f KB (target < 500); tiles over 50 ms cold: %d of %d%n",
                all[all.length - 1], sizes[sizes.length - 1], Arrays.stream(all).filter(v -> v >= 50).count(), all.length);
    }

    private static Map<Integer, List<Sample>> byZoom(List<Sample> samples) {
        Map<Integer, List<Sample>> m = new TreeMap<>();
        samples.forEach(s -> m.computeIfAbsent(s.z(), z -> new ArrayList<>()).add(s));
        return m;
    }

    private static double[] ms(List<Sample> samples) {
        return samples.stream().mapToDouble(Sample::ms).sorted().toArray();
    }

    private static double[] kb(List<Sample> samples) {
        return samples.stream().mapToDouble(s -> s.bytes() / 1024.0).sorted().toArray();
    }

    private static double pct(double[] sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
