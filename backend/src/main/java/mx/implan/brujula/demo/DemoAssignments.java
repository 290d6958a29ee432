package mx.implan.brujula.demo;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import mx.implan.brujula.assignments.Assignments;
import mx.implan.brujula.audit.AuditEntryEntity;
import mx.implan.brujula.auth.Actor;
import mx.implan.brujula.auth.AppUser;
import mx.implan.brujula.auth.Roles;
import mx.implan.brujula.http.RequestLocale;

import java.util.List;

/**
 * Gives the demo inspector the AGEBs of a few demo works, so the app shows assignments at once.
 * Only once: an inspector whose zones were ever set (by this or by an admin) is left alone.
 */
@ApplicationScoped
public class DemoAssignments {

    static final String INSPECTOR = "inspector";
    static final int ZONES = 3;

    @Inject
    Assignments assignments;
    @Inject
    EntityManager em;

    /** The zones assigned now; empty when nothing was done. */
    @Transactional
    public List<String> ensure() {
        AppUser inspector = AppUser.findByUsername(INSPECTOR).filter(u -> Roles.INSPECTOR.equals(u.role)).orElse(null);
        if (inspector == null || AuditEntryEntity.count("entityType = 'user' and entityId = ?1 and action = 'user.assignments'",
                inspector.id.toString()) > 0) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<String> zones = em.createNativeQuery("""
                        SELECT DISTINCT w.zone_id FROM public_work w JOIN zone z ON z.id = w.zone_id
                        WHERE z.zone_type = 'AGEB' ORDER BY w.zone_id LIMIT ?1""")
                .setParameter(1, ZONES).getResultList();
        if (zones.isEmpty()) {
            return List.of();
        }
        assignments.replace(Actor.importer("demo"), inspector.id, zones, RequestLocale.SPANISH);
        return zones;
    }
}
