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
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reports — never deletes — photos that nobody references and references to photos that never
 * arrived, once they are older than {@code brujula.attachments.orphan-grace} (a device may push an
 * observation before its photos or, after a crash, upload a photo whose observation comes later).
 * The numbers are Micrometer gauges ({@code brujula_attachments_unreferenced_objects},
 * {@code brujula_attachments_missing_objects}); they never affect readiness.
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
    private final AtomicLong lastRun = new AtomicLong();

    /** One run's findings (hashes listed up to a few, for the log). */
    public record Result(long unreferencedObjects, List<String> unreferencedSample, long missingObjects, List<String> missingSample) {
    }

    void onStart(@Observes StartupEvent event) {
        Gauge.builder("brujula.attachments.unreferenced.objects", unreferenced, AtomicLong::get)
                .description("Stored photos older than the grace period that no observation references").register(metrics);
        Gauge.builder("brujula.attachments.missing.objects", missing, AtomicLong::get)
                .description("Photos referenced by observations older than the grace period that were never stored").register(metrics);
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
        List<String> unreferencedSample = new ArrayList<>();
        long unreferencedCount = 0;
        List<String> batch = new ArrayList<>(BATCH);
        for (Iterator<ObjectStore.Entry> it = store.list(""); it.hasNext(); ) {
            ObjectStore.Entry entry = it.next();
            if (!Hashes.valid(entry.key()) || !entry.lastModified().isBefore(cutoff)) {
                continue;
            }
            batch.add(entry.key());
            if (batch.size() == BATCH) {
                unreferencedCount += unreferenced(batch, unreferencedSample);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            unreferencedCount += unreferenced(batch, unreferencedSample);
        }
        List<String> missingSample = new ArrayList<>();
        long missingCount = missing(cutoff, missingSample);
        unreferenced.set(unreferencedCount);
        missing.set(missingCount);
        lastRun.set(Instant.now().getEpochSecond());
        if (unreferencedCount > 0 || missingCount > 0) {
            LOG.warnf("Photo report: %d stored photos referenced by nothing (e.g. %s); %d referenced photos never stored (e.g. %s)",
                    unreferencedCount, unreferencedSample, missingCount, missingSample);
        }
        return new Result(unreferencedCount, unreferencedSample, missingCount, missingSample);
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
     * Hashes referenced by observations received before {@code cutoff} with no stored photo (a row
     * is written only after its object was stored).
     */
    private long missing(Instant cutoff, List<String> sample) {
        String sql = """
                SELECT DISTINCT p ->> 'sha256' AS h
                FROM observation o CROSS JOIN LATERAL jsonb_array_elements(o.photos) AS p
                WHERE o.received_at < ? AND o.photos <> '[]'::jsonb""";
        List<String> referenced = new ArrayList<>();
        long count = 0;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql + " ORDER BY h")) {
            ps.setObject(1, OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    referenced.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        for (int from = 0; from < referenced.size(); from += BATCH) {
            for (String h : rows.missing(referenced.subList(from, Math.min(referenced.size(), from + BATCH)))) {
                count++;
                if (sample.size() < SAMPLE) {
                    sample.add(h);
                }
            }
        }
        return count;
    }
}
