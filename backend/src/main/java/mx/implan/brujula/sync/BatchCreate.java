package mx.implan.brujula.sync;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import mx.implan.brujula.model.observation.Observation;
import mx.implan.brujula.model.sync.PushResult;
import mx.implan.brujula.model.sync.PushStatus;
import mx.implan.brujula.observations.NewObservation;
import mx.implan.brujula.observations.ObservationStore;
import org.hibernate.Session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The common case of a push — new observations — written together: one lookup of known ids and
 * opIds, one server-check query, the observations' batch write ({@link ObservationStore#createAll}),
 * one batch of the idempotency log and one commit. Replays are answered from
 * that same lookup; anything else that is not a plain create (an edit, an id seen before) is left to
 * the per-item path, and if this
 * transaction fails at all (e.g. a racing device created the same id) the caller falls back to
 * per-item transactions, so the semantics are those of per-item writes.
 */
@ApplicationScoped
public class BatchCreate {

    @Inject
    EntityManager em;
    @Inject
    ObservationStore store;
    @Inject
    ServerChecks checks;
    @Inject
    WriteFaults faults;

    /** A validated item and its position in the request. */
    public record Prepared(int index, Observation mine, String contentHash) {
    }

    /** Results of the items written here, by request position; items absent from the map are not handled. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Map<Integer, PushResult> createNew(PushContext ctx, List<Prepared> items) {
        Session session = em.unwrap(Session.class);
        Known known = session.doReturningWork(c -> known(c, items));
        List<Prepared> fresh = new ArrayList<>(items.size());
        Map<Integer, PushResult> results = new LinkedHashMap<>();
        for (Prepared p : items) {
            Replays.Applied applied = known.ops().get(p.mine().opId());
            if (applied != null) {
                // A replay, answered from the same lookup: no round trip of its own.
                results.put(p.index(), Replays.answer(ctx, p.mine(), p.contentHash(), applied));
            } else if (!known.ids().contains(p.mine().id())) {
                fresh.add(p);
            }
        }
        if (fresh.isEmpty()) {
            return results;
        }
        for (Prepared p : fresh) {
            faults.beforeWrite(p.mine());
        }
        List<ServerChecks.Outcome> outcomes = session.doReturningWork(c -> checks.checkAll(c,
                fresh.stream().map(Prepared::mine).toList(), ctx.sentAt(), ctx.receivedAt()));
        List<NewObservation> rows = new ArrayList<>(fresh.size());
        for (int i = 0; i < fresh.size(); i++) {
            Prepared p = fresh.get(i);
            ServerChecks.Outcome outcome = outcomes.get(i);
            rows.add(new NewObservation(p.mine(), p.contentHash(), outcome.flags(), outcome.areaM2(),
                    outcome.clockOffsetSeconds(), ctx.actor().name(), ctx.receivedAt(), p.mine().opId()));
        }
        List<Observation> stored = store.createAll(rows);
        List<PushResult> created = new ArrayList<>(fresh.size());
        for (int i = 0; i < fresh.size(); i++) {
            Prepared p = fresh.get(i);
            PushResult result = new PushResult(p.mine().id(), p.mine().opId(), PushStatus.CREATED, 1L, List.of(),
                    stored.get(i).flags(), null, null);
            results.put(p.index(), result);
            created.add(result);
        }
        session.doWork(c -> remember(c, ctx, fresh, created));
        return results;
    }

    /** The idempotency log of the created items, one batch. */
    private static void remember(Connection c, PushContext ctx, List<Prepared> fresh, List<PushResult> created) throws SQLException {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try (PreparedStatement op = c.prepareStatement(
                "INSERT INTO applied_op (op_id, observation_id, actor, status, rev, result, applied_at, content_hash) VALUES (?, ?, ?, 'CREATED', 1, ?::jsonb, ?, ?)")) {
            for (int i = 0; i < fresh.size(); i++) {
                Prepared p = fresh.get(i);
                op.setObject(1, p.mine().opId());
                op.setObject(2, p.mine().id());
                op.setString(3, ctx.actor().name());
                op.setString(4, SyncJson.write(created.get(i)));
                op.setObject(5, now);
                op.setString(6, p.contentHash());
                op.addBatch();
            }
            op.executeBatch();
        }
    }

    /** Among the batch's: ids of existing observations, and the writes already applied by opId. */
    private record Known(Set<UUID> ids, Map<UUID, Replays.Applied> ops) {
    }

    private static Known known(Connection c, List<Prepared> items) throws SQLException {
        UUID[] ids = items.stream().map(p -> p.mine().id()).toArray(UUID[]::new);
        UUID[] ops = items.stream().map(p -> p.mine().opId()).toArray(UUID[]::new);
        Set<UUID> known = new HashSet<>();
        Map<UUID, Replays.Applied> applied = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT 'o', id, NULL::uuid, NULL, NULL, NULL FROM observation WHERE id = ANY(?)
                UNION ALL
                SELECT 'a', op_id, observation_id, actor, result::text, content_hash FROM applied_op WHERE op_id = ANY(?)""")) {
            ps.setArray(1, c.createArrayOf("uuid", ids));
            ps.setArray(2, c.createArrayOf("uuid", ops));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    UUID key = rs.getObject(2, UUID.class);
                    if (rs.getString(1).equals("o")) {
                        known.add(key);
                    } else {
                        applied.put(key, new Replays.Applied(rs.getObject(3, UUID.class), rs.getString(4),
                                rs.getString(5), rs.getString(6)));
                    }
                }
            }
        }
        return new Known(known, applied);
    }
}
