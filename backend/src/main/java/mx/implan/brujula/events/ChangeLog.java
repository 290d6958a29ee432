package mx.implan.brujula.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Appends to the pull feed in the caller's transaction. The row's txid and seq come from the
 * database at insert time, which is what lets pull deliver late commits (see PullService).
 */
@ApplicationScoped
public class ChangeLog {

    public static final String OBSERVATION = "observation";
    public static final String WORK = "work";
    public static final String ZONE = "zone";
    public static final String ASSIGNMENT = "assignment";

    @Inject
    EntityManager em;

    /** @param owner the user who may see this change (observations: their author); null = shared reference data */
    @Transactional(Transactional.TxType.MANDATORY)
    public void append(String entityType, String entityId, String op, Long rev, String owner) {
        em.createNativeQuery("INSERT INTO change_log (entity_type, entity_id, op, rev, owner) VALUES (?1, ?2, ?3, ?4, ?5)")
                .setParameter(1, entityType)
                .setParameter(2, entityId)
                .setParameter(3, op)
                .setParameter(4, rev)
                .setParameter(5, owner)
                .executeUpdate();
    }
}
