package mx.implan.brujula.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import mx.implan.brujula.auth.Actor;
import mx.implan.brujula.assignments.Assignments;
import mx.implan.brujula.events.ChangeLog;
import mx.implan.brujula.model.json.WireJson;
import mx.implan.brujula.monitoring.WorkProgress;
import mx.implan.brujula.model.observation.Observation;
import mx.implan.brujula.model.sync.Change;
import mx.implan.brujula.model.sync.ChangeOp;
import mx.implan.brujula.model.sync.ChangeType;
import mx.implan.brujula.model.sync.PullResponse;
import mx.implan.brujula.observations.ObservationQuery;
import mx.implan.brujula.works.PublicWorkCatalogue;
import mx.implan.brujula.zones.ZoneService;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Delivers changes after a cursor. Only rows whose transaction is older than every transaction
 * still running are returned ({@code txid < pg_snapshot_xmin}): a change whose sequence number was
 * taken early but which committed late is delivered on a later pull instead of being skipped.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class PullService {

    private static final ObjectMapper JSON = WireJson.strict();

    @Inject
    EntityManager em;
    @Inject
    ObservationQuery observationQuery;
    @Inject
    PublicWorkCatalogue works;
    @Inject
    ZoneService zones;
    @Inject
    Assignments assignments;
    @Inject
    WorkProgress workProgress;

    private final DistributionSummary lag;

    @Inject
    public PullService(MeterRegistry metrics) {
        this.lag = DistributionSummary.builder("brujula.sync.pull.lag")
                .description("Seconds between a change being committed and a device pulling it")
                .baseUnit("seconds").register(metrics);
    }

    public UUID epoch() {
        return (UUID) em.createNativeQuery("SELECT epoch FROM sync_state WHERE id = 1").getSingleResult();
    }

    /**
     * Supervisors and admins read every observation and the shared reference rows (owner NULL).
     * Everyone else reads the rows they own: their observations and, for inspectors, the works,
     * zones and assignments of their zones (written per inspector by InspectorFeed).
     */
    @SuppressWarnings("unchecked")
    public PullResponse pull(Actor actor, String cursorText, int limit) {
        UUID epoch = epoch();
        boolean seesAll = actor.isSupervisor();
        PullCursor cursor = PullCursor.decode(cursorText, epoch, seesAll ? PullCursor.ALL : PullCursor.OWN);
        // Two plain predicates rather than one CASE: "owner = ?" walks change_log_owner_idx. The order
        // is by the xid8 column, never by its text (an output column named txid would sort as text).
        var query = em.createNativeQuery("""
                        SELECT c.txid::text AS txid_text, c.seq, c.entity_type, c.entity_id, c.op, c.rev, c.changed_at, c.owner
                        FROM change_log c
                        WHERE (c.txid, c.seq) > (CAST(?1 AS xid8), ?2)
                          AND c.txid < pg_snapshot_xmin(pg_current_snapshot())
                          AND %s
                        ORDER BY c.txid, c.seq
                        LIMIT ?3""".formatted(seesAll ? "(c.entity_type = 'observation' OR c.owner IS NULL)" : "c.owner = ?4"))
                .setParameter(1, Long.toString(cursor.txid()))
                .setParameter(2, cursor.seq())
                .setParameter(3, limit + 1);
        if (!seesAll) {
            query.setParameter(4, actor.name());
        }
        List<Object[]> rows = query.getResultList();
        boolean hasMore = rows.size() > limit;
        List<Object[]> page = hasMore ? rows.subList(0, limit) : rows;
        if (page.isEmpty()) {
            return new PullResponse(List.of(), cursor.encode(), false);
        }
        Object[] last = page.get(page.size() - 1);
        PullCursor next = new PullCursor(epoch, cursor.view(), Long.parseLong((String) last[0]), ((Number) last[1]).longValue());
        return new PullResponse(changes(page), next.encode(), hasMore);
    }

    private List<Change> changes(List<Object[]> page) {
        // Several changes of one entity in a page collapse into its latest state, at its last position.
        Map<String, Object[]> latest = new LinkedHashMap<>();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (Object[] row : page) {
            String key = row[2] + "/" + row[3];
            latest.remove(key);
            latest.put(key, row);
            OffsetDateTime changedAt = toOffset(row[6]);
            if (changedAt != null) {
                lag.record(Math.max(0, Duration.between(changedAt, now).toMillis() / 1000.0));
            }
        }
        Map<UUID, Observation> observations = loadObservations(latest.values());
        List<Change> changes = new ArrayList<>(latest.size());
        List<ObjectNode> workDocs = new ArrayList<>();
        for (Object[] row : latest.values()) {
            String type = (String) row[2];
            String id = (String) row[3];
            ChangeOp op = ChangeOp.valueOf((String) row[4]);
            JsonNode data = null;
            Long rev = row[5] == null ? null : ((Number) row[5]).longValue();
            if (op == ChangeOp.UPSERT) {
                switch (type) {
                    case ChangeLog.OBSERVATION -> {
                        Observation current = observations.get(UUID.fromString(id));
                        data = current == null ? null : JSON.valueToTree(current);
                        rev = current == null ? rev : current.rev();
                    }
                    case ChangeLog.WORK -> {
                        ObjectNode work = works.find(UUID.fromString(id)).orElse(null);
                        if (work != null) {
                            workDocs.add(work);
                        }
                        data = work;
                    }
                    case ChangeLog.ZONE -> data = zones.find(id).orElse(null);
                    case ChangeLog.ASSIGNMENT -> data = assignments.assignment((String) row[7], id).orElse(null);
                    default -> data = null;
                }
                if (data == null) {
                    continue;
                }
            }
            changes.add(new Change(ChangeType.valueOf(type.toUpperCase(java.util.Locale.ROOT)), op, id, rev, data));
        }
        // The field app shows each work's last reported progress beside its plan.
        workProgress.annotate(workDocs);
        return changes;
    }

    private Map<UUID, Observation> loadObservations(java.util.Collection<Object[]> rows) {
        List<UUID> ids = rows.stream().filter(r -> ChangeLog.OBSERVATION.equals(r[2]) && "UPSERT".equals(r[4]))
                .map(r -> UUID.fromString((String) r[3])).toList();
        return observationQuery.byIds(ids);
    }

    private static OffsetDateTime toOffset(Object value) {
        if (value instanceof OffsetDateTime odt) {
            return odt;
        }
        if (value instanceof java.time.Instant instant) {
            return instant.atOffset(ZoneOffset.UTC);
        }
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toInstant().atOffset(ZoneOffset.UTC);
        }
        return null;
    }
}
