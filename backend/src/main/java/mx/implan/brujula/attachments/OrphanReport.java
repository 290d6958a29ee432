package mx.implan.brujula.attachments;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reports — never deletes — photos that nobody references and references to photos that never
 * arrived, once they are older than {@code brujula.attachments.orphan-grace} (a device may push an
 * observation before its photos or, after a crash, upload a photo whose observation comes later).
 * A reference counts as missing when its object is not in the bucket, whatever the database says:
 * a recorded photo whose object was lost (deleted by hand, a bucket restored from an old backup) is
 * reported at once, with no grace, since its row proves it had arrived. The numbers are Micrometer
 * gauges ({@code brujula_attachments_unreferenced_objects}, {@code brujula_attachments_missing_objects},
 * {@code brujula_attachments_lost_objects}); they never affect readiness.
 */
@ApplicationScoped
public class OrphanReport {

    private static final Logger LOG = Logger.getLogger(OrphanReport.class);
    private static final int BATCH = 500;
    /** Hashes kept per finding for the log and the result. */
    private static final int SAMPLE = 100;

    @Inject
    AttachmentsConfig config;
    @Inject
    ObjectStore store;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    AttachmentRows rows;
    @Inject
    MeterRegistry metrics;

    private final AtomicLong unreferenced = new AtomicLong();
    private final AtomicLong missing = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private final AtomicLong lastRun = new AtomicLong();

    /** One run's findings (hashes listed up to a few, for the log). */
    public record Result(long unreferencedObjects, List<String> unreferencedSample, long missingObjects, List<String> missingSample,
                         long lostObjects, List<String> lostSample) {
    }

    void onStart(@Observes StartupEvent event) {
        Gauge.builder("brujula.attachments.unreferenced.objects", unreferenced, AtomicLong::get)
                .description("Stored photos older than the grace period that no observation references").register(metrics);
        Gauge.builder("brujula.attachments.missing.objects", missing, AtomicLong::get)
                .description("Photos referenced by observations older than the grace period that were never stored").register(metrics);
        Gauge.builder("brujula.attachments.lost.objects", lost, AtomicLong::get)
                .description("Photos recorded as stored and referenced whose object is not in the bucket").register(metrics);
        Gauge.builder("brujula.attachments.orphan.report.last.run", lastRun, AtomicLong::get)
                .description("When the orphan report last completed (epoch seconds)").register(metrics);
    }

    @Scheduled(every = "${brujula.attachments.orphan-report-every:6h}", delayed = "5m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            run();
        } catch (RuntimeException e) {
            LOG.warnf("The photo orphan report failed (it is retried on the next run): %s", e.getMessage());
        }
    }

    /** Runs the report now with the configured grace period and publishes its numbers. */
    public Result run() {
        return run(config.orphanGrace());
    }

    /** Runs the report now, counting only what is older than {@code grace}, and publishes its numbers. */
    public Result run(java.time.Duration grace) {
        Instant cutoff = Instant.now().minus(grace);
        List<Reference> references = references(cutoff);
        Set<String> neverStored = neverStored(references);
        // Rows say "stored"; the bucket must agree. Both lists are in key order, so one merge pass
        // over the listing finds the stored references whose object is gone.
        Iterator<Reference> expected = references.stream().filter(r -> !neverStored.contains(r.sha256())).iterator();
        Reference want = expected.hasNext() ? expected.next() : null;
        List<String> lostSample = new ArrayList<>();
        long lostCount = 0;
        List<String> unreferencedSample = new ArrayList<>();
        long unreferencedCount = 0;
        List<String> batch = new ArrayList<>(BATCH);
        for (Iterator<ObjectStore.Entry> it = store.list(""); it.hasNext(); ) {
            ObjectStore.Entry entry = it.next();
            if (!Hashes.valid(entry.key())) {
                continue;
            }
            while (want != null && want.sha256().compareTo(entry.key()) < 0) {
                lostCount += lost(want, lostSample);
                want = expected.hasNext() ? expected.next() : null;
            }
            if (want != null && want.sha256().equals(entry.key())) {
                want = expected.hasNext() ? expected.next() : null;
            }
            if (!entry.lastModified().isBefore(cutoff)) {
                continue;
            }
            batch.add(entry.key());
            if (batch.size() == BATCH) {
                unreferencedCount += unreferenced(batch, unreferencedSample);
                batch.clear();
            }
        }
        while (want != null) {
            lostCount += lost(want, lostSample);
            want = expected.hasNext() ? expected.next() : null;
        }
        if (!batch.isEmpty()) {
            unreferencedCount += unreferenced(batch, unreferencedSample);
        }
        List<String> missingSample = new ArrayList<>();
        long neverCount = 0;
        for (Reference r : references) {
            if (r.old() && neverStored.contains(r.sha256())) {
                neverCount++;
                if (missingSample.size() < SAMPLE) {
                    missingSample.add(r.sha256());
                }
            }
        }
        for (String h : lostSample) {
            if (missingSample.size() < SAMPLE) {
                missingSample.add(h);
            }
        }
        long missingCount = neverCount + lostCount;
        unreferenced.set(unreferencedCount);
        missing.set(missingCount);
        lost.set(lostCount);
        lastRun.set(Instant.now().getEpochSecond());
        if (unreferencedCount > 0 || missingCount > 0) {
            LOG.warnf("Photo report: %d stored photos referenced by nothing (e.g. %s); %d referenced photos not in the bucket"
                            + " (e.g. %s), %d of them recorded as stored but gone (e.g. %s)",
                    unreferencedCount, unreferencedSample, missingCount, missingSample, lostCount, lostSample);
        }
        return new Result(unreferencedCount, unreferencedSample, missingCount, missingSample, lostCount, lostSample);
    }

    /** A hash some observation references; {@code old} when one of them was received before the cutoff. */
    private record Reference(String sha256, boolean old) {
    }

    /** A stored reference whose object is not in the bucket: counted at once (the row proves it was stored). */
    private static long lost(Reference r, List<String> sample) {
        if (sample.size() < SAMPLE) {
            sample.add(r.sha256());
        }
        return 1;
    }

    private Set<String> neverStored(List<Reference> references) {
        Set<String> never = new HashSet<>();
        for (int from = 0; from < references.size(); from += BATCH) {
            never.addAll(rows.missing(references.subList(from, Math.min(references.size(), from + BATCH)).stream()
                    .map(Reference::sha256).toList()));
        }
        return never;
    }

    /** How many of {@code hashes} no observation references (GIN index, one query per batch). */
    private long unreferenced(List<String> hashes, List<String> sample) {
        String sql = """
                SELECT h FROM unnest(?::text[]) AS h
                WHERE NOT EXISTS (SELECT 1 FROM observation o WHERE o.photos @> jsonb_build_array(jsonb_build_object('sha256', h)))
                ORDER BY h""";
        long count = 0;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", hashes.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    count++;
                    if (sample.size() < SAMPLE) {
                        sample.add(rs.getString(1));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return count;
    }

    /**
     * Every referenced hash, in byte order (the order of an S3 listing), with whether it is older
     * than {@code cutoff}.
     */
    private List<Reference> references(Instant cutoff) {
        String sql = """
                SELECT p ->> 'sha256' AS h, bool_or(o.received_at < ?) AS old
                FROM observation o CROSS JOIN LATERAL jsonb_array_elements(o.photos) AS p
                WHERE o.photos <> '[]'::jsonb
                GROUP BY 1 ORDER BY (p ->> 'sha256') COLLATE "C"
                """;
        List<Reference> referenced = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (Hashes.valid(rs.getString(1))) {
                        referenced.add(new Reference(rs.getString(1), rs.getBoolean(2)));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return referenced;
    }
}
