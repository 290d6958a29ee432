package mx.implan.brujula.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Each inspector's own pull feed of reference data: change-log rows owned by the inspector for the
 * works inside their zones, their zones and their assignments. Supervisors and admins read the
 * shared rows (owner NULL) instead.
 *
 * <p>Works are delivered by reconciliation: {@code inspector_work} holds what an inspector was last
 * told to hold; comparing it with {@code inspector_visible_work} gives the rows to write (new →
 * UPSERT, gone → REMOVE), in the transaction of the change that caused them. So a zone gained
 * delivers works whose own change-log rows are older than the device's cursor, and a work in two
 * zones stays while one remains.
 *
 * <p>Every writer that can change what an inspector sees (assignments, works, zones) calls
 * {@link #lock()} before it reads for reconciliation; the lock lasts until commit, so whichever
 * transaction comes second sees the first's writes and no interleaving loses a row.
 */
@ApplicationScoped
public class InspectorFeed {

    /** Advisory lock key ("brujassg"), distinct from the demo loader's. */
    public static final long ASSIGNMENT_LOCK = 0x6272756a_61737367L;

    @Inject
    EntityManager em;

    @Transactional(Transactional.TxType.MANDATORY)
    public void lock() {
        em.flush();
        em.createNativeQuery("SELECT CAST(pg_advisory_xact_lock(" + ASSIGNMENT_LOCK + ") AS text)").getSingleResult();
    }

    /** One inspector's zones changed: zone and assignment rows for the differences, then their works. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void assignmentsChanged(String username, UUID userId, Collection<String> added, Collection<String> removed) {
        lock();
        for (String zone : added) {
            appendOwned(ChangeLog.ZONE, zone, "UPSERT", username);
            appendOwned(ChangeLog.ASSIGNMENT, zone, "UPSERT", username);
        }
        for (String zone : removed) {
            appendOwned(ChangeLog.ASSIGNMENT, zone, "REMOVE", username);
            appendOwned(ChangeLog.ZONE, zone, "REMOVE", username);
        }
        reconcile(userId, null);
    }

    /** A work was created or changed: tell every inspector who holds or should hold it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void workChanged(UUID workId) {
        lock();
        reconcile(null, workId);
    }

    /**
     * Zones were rewritten (geometry or attributes): their inspectors get the zone again and their
     * works are reconciled against the new shapes. Call after the zone rows are written.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void zonesChanged(Collection<String> zoneIds) {
        if (zoneIds.isEmpty()) {
            return;
        }
        lock();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT iz.zone_id, u.username, u.id FROM inspector_zone iz JOIN app_user u ON u.id = iz.user_id
                        WHERE iz.zone_id IN (:zones)""")
                .setParameter("zones", zoneIds).getResultList();
        Set<UUID> users = new LinkedHashSet<>();
        for (Object[] r : rows) {
            appendOwned(ChangeLog.ZONE, (String) r[0], "UPSERT", (String) r[1]);
            users.add((UUID) r[2]);
        }
        users.forEach(u -> reconcile(u, null));
    }

    /**
     * Brings {@code inspector_work} in line with the view for one user (or all) and one work (or
     * all) in a single statement; data-modifying CTEs see one snapshot, so "before" is consistent.
     * When one work is named, inspectors who keep it also get an UPSERT: the work itself changed.
     */
    private void reconcile(UUID userId, UUID workId) {
        em.createNativeQuery("""
                        WITH want AS (
                            SELECT user_id, work_id FROM inspector_visible_work
                            WHERE (NULLIF(:user, '') IS NULL OR user_id = CAST(NULLIF(:user, '') AS uuid))
                              AND (NULLIF(:work, '') IS NULL OR work_id = CAST(NULLIF(:work, '') AS uuid))
                        ), have AS (
                            SELECT user_id, work_id FROM inspector_work
                            WHERE (NULLIF(:user, '') IS NULL OR user_id = CAST(NULLIF(:user, '') AS uuid))
                              AND (NULLIF(:work, '') IS NULL OR work_id = CAST(NULLIF(:work, '') AS uuid))
                        ), added AS (
                            INSERT INTO inspector_work (user_id, work_id)
                            SELECT user_id, work_id FROM (SELECT * FROM want EXCEPT SELECT * FROM have) n
                            RETURNING user_id, work_id
                        ), removed AS (
                            DELETE FROM inspector_work iw
                            USING (SELECT * FROM have EXCEPT SELECT * FROM want) g
                            WHERE iw.user_id = g.user_id AND iw.work_id = g.work_id
                            RETURNING iw.user_id, iw.work_id
                        ), kept AS (
                            SELECT user_id, work_id FROM (SELECT * FROM want INTERSECT SELECT * FROM have) k
                            WHERE NULLIF(:work, '') IS NOT NULL
                        ), changes AS (
                            SELECT user_id, work_id, 'UPSERT' AS op FROM added
                            UNION ALL SELECT user_id, work_id, 'UPSERT' FROM kept
                            UNION ALL SELECT user_id, work_id, 'REMOVE' FROM removed
                        )
                        INSERT INTO change_log (entity_type, entity_id, op, rev, owner)
                        SELECT 'work', CAST(r.work_id AS text), r.op, w.rev, u.username
                        FROM changes r JOIN app_user u ON u.id = r.user_id JOIN public_work w ON w.id = r.work_id
                        ORDER BY u.username, w.code""")
                .setParameter("user", userId == null ? "" : userId.toString())
                .setParameter("work", workId == null ? "" : workId.toString())
                .executeUpdate();
    }

    /** Deletes a user's feed and holdings (hard delete of a user who never authored anything). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void forget(String username, UUID userId) {
        lock();
        em.createNativeQuery("DELETE FROM inspector_work WHERE user_id = ?1").setParameter(1, userId).executeUpdate();
        em.createNativeQuery("DELETE FROM change_log WHERE owner = ?1").setParameter(1, username).executeUpdate();
    }

    private void appendOwned(String type, String id, String op, String owner) {
        em.createNativeQuery("INSERT INTO change_log (entity_type, entity_id, op, rev, owner) VALUES (?1, ?2, ?3, NULL, ?4)")
                .setParameter(1, type).setParameter(2, id).setParameter(3, op).setParameter(4, owner)
                .executeUpdate();
    }
}
