package mx.implan.brujula.observations;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import mx.implan.brujula.attachments.PhotoArrived;
import mx.implan.brujula.model.observation.Flag;
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
 * computed when they are written). When the last missing photo arrives (attachments'
 * {@link PhotoArrived}) the flag is cleared through {@link ObservationStore#clearFlag}, so it is a
 * new revision that devices pull. A sweeper catches the one race the immediate path cannot see — a
 * photo stored while the observation that references it was being written in another transaction.
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
    EntityManager em;
    @Inject
    ObservationStore store;

    /** A photo was stored: complete every observation that waited only for it. */
    void photoArrived(@Observes PhotoArrived arrived) {
        try {
            for (UUID id : nowComplete(arrived.sha256())) {
                complete(id, arrived.actor());
            }
        } catch (RuntimeException e) {
            // The sweeper will catch up; the upload itself succeeded.
            LOG.warnf("Could not clear INCOMPLETE after %s arrived: %s", arrived.sha256(), e.getMessage());
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
        StoredObservation row = store.lock(id).orElse(null);
        if (row == null || !row.flags().contains(Flag.INCOMPLETE)) {
            return false;
        }
        if (!em.createNativeQuery("""
                SELECT 1 FROM observation o WHERE o.id = ?1 AND NOT EXISTS (
                  SELECT 1 FROM jsonb_array_elements(o.photos) p
                  WHERE NOT EXISTS (SELECT 1 FROM attachment a WHERE a.sha256 = p ->> 'sha256'))""")
                .setParameter(1, id).getResultList().isEmpty()) {
            return store.clearFlag(id, Flag.INCOMPLETE, actor, RevisionChange.PHOTOS);
        }
        return false;
    }

    private List<UUID> nowComplete(String sha256) {
        String sql = NOW_COMPLETE.formatted(sha256 == null ? "" : "AND o.photos @> ?::jsonb");
        List<UUID> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (sha256 != null) {
                ps.setString(1, reference(sha256));
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

    /** The JSON containment pattern of observations whose photos include {@code sha256}. */
    private static String reference(String sha256) {
        return "[{\"sha256\":\"" + sha256 + "\"}]";
    }
}
