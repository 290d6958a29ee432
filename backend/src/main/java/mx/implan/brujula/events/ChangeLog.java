package mx.implan.brujula.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.util.List;
import java.util.UUID;

/**
 * Appends to the pull feed in the caller's transaction. The row's txid and seq come from the
 * database at insert time, which is what lets pull deliver late commits (see PullService).
 *
 * <p>Observation changes have their own appenders, which only {@code observations} calls (its
 * store writes every observation change); reference data (works, zones, assignments) uses
 * {@link #append}.
 */
@ApplicationScoped
public class ChangeLog {

    public static final String OBSERVATION = "observation";
    public static final String WORK = "work";
    public static final String ZONE = "zone";
    public static final String ASSIGNMENT = "assignment";

    private static final String INSERT = "INSERT INTO change_log (entity_type, entity_id, op, rev, owner) VALUES (?1, ?2, ?3, ?4, ?5)";
    private static final String INSERT_OBSERVATION =
            "INSERT INTO change_log (entity_type, entity_id, op, rev, owner) VALUES ('" + OBSERVATION + "', ?, 'UPSERT', ?, ?)";

    /** A new state of an observation, for its author's feed. */
    public record ObservationChange(UUID id, long rev, String owner) {
    }

    @Inject
    EntityManager em;

    /**
     * A change of reference data.
     *
     * @param owner the user who may see this change; null = shared reference data
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void append(String entityType, String entityId, String op, Long rev, String owner) {
        if (OBSERVATION.equals(entityType)) {
            throw new IllegalArgumentException("Observation changes are appended by observations' store");
        }
        insert(entityType, entityId, op, rev, owner);
    }

    /** A new state of one observation (an UPSERT its author pulls). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void appendObservation(ObservationChange change) {
        insert(OBSERVATION, change.id().toString(), "UPSERT", change.rev(), change.owner());
    }

    /** New states of many observations in one JDBC batch (the push's batch of creates). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void appendObservations(List<ObservationChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(INSERT_OBSERVATION)) {
                for (ObservationChange change : changes) {
                    ps.setString(1, change.id().toString());
                    ps.setLong(2, change.rev());
                    ps.setString(3, change.owner());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        });
    }

    private void insert(String entityType, String entityId, String op, Long rev, String owner) {
        em.createNativeQuery(INSERT)
                .setParameter(1, entityType)
                .setParameter(2, entityId)
                .setParameter(3, op)
                .setParameter(4, rev)
                .setParameter(5, owner)
                .executeUpdate();
    }
}
