package mx.implan.brujula.attachments;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import mx.implan.brujula.model.observation.Flag;
import mx.implan.brujula.observations.ObservationEntity;
import mx.implan.brujula.observations.ObservationMapper;
import mx.implan.brujula.observations.ObservationStore;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Observations carry {@code INCOMPLETE} while some photo they reference is not stored (the flag is
 * computed when they are written). When the last missing photo arrives the flag is removed
 * through {@link ObservationStore#update}, so it is a new revision that devices pull. A sweeper
 * catches the one race the immediate path cannot see — a photo stored while the observation that
 * references it was being written in another transaction.
 */
@ApplicationScoped
public class IncompleteFlags {

    private static final Logger LOG = Logger.getLogger(IncompleteFlags.class);
    /** Actor of the revisions the sweeper writes. */
    public static final String SYSTEM_ACTOR = "system:attachments";
    private static final String NOW_COMPLETE = """
            SELECT o.id FROM observation o
            WHERE 'INCOMPLETE' = ANY (o.flags) %s
              AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(o.photos) p
                              WHERE NOT EXISTS (SELECT 1 FROM attachment a WHERE a.sha256 = p ->> 'sha256'))
            LIMIT 1000""";

    @Inject
    AgroalDataSource dataSource;
    @Inject
    ObservationStore store;

    /** A photo was stored: complete every observation that waited only for it. */
    public void photoArrived(String sha256, String actor) {
        try {
            for (UUID id : nowComplete(sha256)) {
                complete(id, actor);
            }
        } catch (RuntimeException e) {
            // The sweeper will catch up; the upload itself succeeded.
            LOG.warnf("Could not clear INCOMPLETE after %s arrived: %s", sha256, e.getMessage());
        }
    }

    @Scheduled(every = "${brujula.attachments.incomplete-sweep-every:60s}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledSweep() {
        try {
            sweep();
        } catch (RuntimeException e) {
            LOG.warnf("The INCOMPLETE sweep failed (retried on the next run): %s", e.getMessage());
        }
    }

    /** Clears the flag wherever every photo has arrived; returns how many observations changed. */
    public int sweep() {
        int changed = 0;
        for (UUID id : nowComplete(null)) {
            if (complete(id, SYSTEM_ACTOR)) {
                changed++;
            }
        }
        if (changed > 0) {
            LOG.infof("%d observations became complete (all their photos arrived)", changed);
        }
        return changed;
    }

    /** Removes the flag in its own transaction when the observation is (still) complete. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean complete(UUID id, String actor) {
        ObservationEntity row = ObservationEntity.lockForUpdate(id);
        if (row == null || row.flags == null || !List.of(row.flags).contains(Flag.INCOMPLETE.name())) {
            return false;
        }
        if (!ObservationEntity.getEntityManager().createNativeQuery("""
                SELECT 1 FROM observation o WHERE o.id = ?1 AND NOT EXISTS (
                  SELECT 1 FROM jsonb_array_elements(o.photos) p
                  WHERE NOT EXISTS (SELECT 1 FROM attachment a WHERE a.sha256 = p ->> 'sha256'))""")
                .setParameter(1, id).getResultList().isEmpty()) {
            List<Flag> flags = new ArrayList<>(ObservationMapper.flags(row.flags));
            flags.remove(Flag.INCOMPLETE);
            row.flags = ObservationMapper.flagNames(flags);
            store.update(row, actor, null, ObservationStore.PHOTOS);
            return true;
        }
        return false;
    }

    private List<UUID> nowComplete(String sha256) {
        String sql = NOW_COMPLETE.formatted(sha256 == null ? "" : "AND o.photos @> ?::jsonb");
        List<UUID> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (sha256 != null) {
                ps.setString(1, AttachmentRows.reference(sha256));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return ids;
    }
}
