package mx.implan.brujula.monitoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The {@code work_progress_report} table: the latest revision of every WORKS_PROGRESS observation. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class ProgressReports {

    private static final String COLUMNS = "observation_id, work_id, rev, captured_at, captured_offset, percent, stage, author, "
            + "status, photos::text";
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    @Inject
    EntityManager em;
    @Inject
    ObjectMapper json;

    /** What storing a report changed: nothing (an older revision arrived late), or the works it concerns now and before. */
    public record Stored(boolean changed, Optional<UUID> previousWork) {
    }

    /** Keeps the report if it is newer than the stored revision; locks the row until commit. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Stored store(ProgressReport r) {
        em.createNativeQuery("""
                        INSERT INTO work_progress_report (observation_id, work_id, rev, captured_at, captured_offset, author, status)
                        VALUES (?1, NULL, 0, ?2, 'Z', ?3, ?4) ON CONFLICT DO NOTHING""")
                .setParameter(1, r.observationId()).setParameter(2, r.capturedAt()).setParameter(3, r.author())
                .setParameter(4, r.status()).executeUpdate();
        Object[] before = (Object[]) em.createNativeQuery(
                        "SELECT rev, CAST(work_id AS text) FROM work_progress_report WHERE observation_id = ?1 FOR UPDATE")
                .setParameter(1, r.observationId()).getSingleResult();
        long storedRev = ((Number) before[0]).longValue();
        if (storedRev >= r.rev()) {
            return new Stored(false, Optional.empty());
        }
        em.createNativeQuery("""
                        UPDATE work_progress_report SET work_id = ?2, rev = ?3, captured_at = ?4, captured_offset = ?5, percent = ?6,
                            stage = ?7, author = ?8, status = ?9, photos = CAST(?10 AS jsonb), updated_at = now()
                        WHERE observation_id = ?1""")
                .setParameter(1, r.observationId()).setParameter(2, r.workId()).setParameter(3, r.rev())
                .setParameter(4, r.capturedAt()).setParameter(5, r.capturedAt().getOffset().getId())
                .setParameter(6, r.percent()).setParameter(7, r.stage()).setParameter(8, r.author())
                .setParameter(9, r.status()).setParameter(10, write(r.photos()))
                .executeUpdate();
        Optional<UUID> previous = before[1] == null ? Optional.empty() : Optional.of(UUID.fromString((String) before[1]));
        return new Stored(true, previous.filter(p -> !p.equals(r.workId())));
    }

    /** A work's reports that count (not archived), oldest first. */
    public List<ProgressReport> ofWork(UUID workId) {
        return ofWorks(List.of(workId)).getOrDefault(workId, List.of());
    }

    /** The reports that count of each of these works, oldest first; works without any are left out. */
    public Map<UUID, List<ProgressReport>> ofWorks(Collection<UUID> workIds) {
        Map<UUID, List<ProgressReport>> byWork = new LinkedHashMap<>();
        if (workIds.isEmpty()) {
            return byWork;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT " + COLUMNS + """
                         FROM work_progress_report WHERE work_id IN (:works) AND status <> 'ARCHIVED' AND rev > 0
                        ORDER BY captured_at, observation_id""")
                .setParameter("works", workIds).getResultList();
        rows.stream().map(this::report).forEach(r -> byWork.computeIfAbsent(r.workId(), w -> new java.util.ArrayList<>()).add(r));
        return byWork;
    }

    /** The latest report that counts of each of these works (by capture time), for those that have one. */
    public Map<UUID, ProgressReport> latest(Collection<UUID> workIds) {
        Map<UUID, ProgressReport> latest = new LinkedHashMap<>();
        if (workIds.isEmpty()) {
            return latest;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT DISTINCT ON (work_id) " + COLUMNS + """
                         FROM work_progress_report WHERE work_id IN (:works) AND status <> 'ARCHIVED' AND rev > 0
                        ORDER BY work_id, captured_at DESC, observation_id DESC""")
                .setParameter("works", workIds).getResultList();
        rows.stream().map(this::report).forEach(r -> latest.put(r.workId(), r));
        return latest;
    }

    /** Every work some report names (the scheduled delay check walks them). */
    public List<UUID> works() {
        @SuppressWarnings("unchecked")
        List<Object> ids = em.createNativeQuery(
                "SELECT DISTINCT CAST(work_id AS text) FROM work_progress_report WHERE work_id IS NOT NULL").getResultList();
        return ids.stream().map(id -> UUID.fromString((String) id)).toList();
    }

    private ProgressReport report(Object[] r) {
        ZoneOffset offset = ZoneOffset.of((String) r[4]);
        return new ProgressReport((UUID) r[0], (UUID) r[1], ((Number) r[2]).longValue(), instant(r[3]).atOffset(offset),
                (BigDecimal) r[5], (String) r[6], (String) r[7], (String) r[8], read((String) r[9]));
    }

    static Instant instant(Object value) {
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof Instant i) {
            return i;
        }
        return ((java.sql.Timestamp) value).toInstant();
    }

    private String write(List<String> photos) {
        try {
            return json.writeValueAsString(photos);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> read(String photos) {
        try {
            return json.readValue(photos, STRINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("work_progress_report.photos is not a JSON list", e);
        }
    }
}
