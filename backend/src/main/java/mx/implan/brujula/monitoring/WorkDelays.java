package mx.implan.brujula.monitoring;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import mx.implan.brujula.config.BrujulaConfig;
import mx.implan.brujula.works.PlannedCurve;
import mx.implan.brujula.works.PublicWorkCatalogue;

import java.time.LocalDate;
import java.util.UUID;

/**
 * Keeps each work's delay state ({@code work_delay}) and announces the moment a work falls behind.
 * Called by the projector when a report or the plan changes, and by the scheduled check because
 * time alone makes a work late. The state row is locked before anything is read, so two evaluations
 * of one work (two instances, projector and check) run one after the other and only the first sees
 * the transition.
 */
@ApplicationScoped
public class WorkDelays {

    @Inject
    EntityManager em;
    @Inject
    PublicWorkCatalogue catalogue;
    @Inject
    ProgressReports reports;
    @Inject
    MonitoringConfig config;
    @Inject
    BrujulaConfig brujula;
    @Inject
    Event<WorkFellBehind> fellBehind;

    /** Evaluates the work today; true when it has just fallen behind (and {@link WorkFellBehind} was fired). */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean evaluate(UUID workId) {
        ObjectNode work = catalogue.find(workId).orElse(null);
        if (work == null) {
            return false;
        }
        em.createNativeQuery("INSERT INTO work_delay (work_id, delayed) VALUES (?1, false) ON CONFLICT DO NOTHING")
                .setParameter(1, workId).executeUpdate();
        boolean was = (Boolean) em.createNativeQuery("SELECT delayed FROM work_delay WHERE work_id = ?1 FOR UPDATE")
                .setParameter(1, workId).getSingleResult();
        LocalDate today = LocalDate.now(brujula.timezone());
        ProgressFigures figures = ProgressFigures.of(PlannedCurve.fromJson(work.get("plannedCurve")), reports.ofWork(workId),
                today, brujula.timezone(), config.delayThreshold());
        em.createNativeQuery("""
                        UPDATE work_delay SET delayed = ?2, delay_points = ?3, evaluated_at = now(),
                            changed_at = CASE WHEN delayed <> ?2 THEN now() ELSE changed_at END
                        WHERE work_id = ?1""")
                .setParameter(1, workId).setParameter(2, figures.delayed())
                .setParameter(3, figures.delayPoints() == null ? null : java.math.BigDecimal.valueOf(figures.delayPoints()))
                .executeUpdate();
        if (was || !figures.delayed()) {
            return false;
        }
        fellBehind.fire(new WorkFellBehind(workId, work.path("code").asText(), work.path("name").asText(null),
                work.path("zoneId").asText(null), figures.plannedToday(), figures.lastActual(), figures.delayPoints(),
                config.delayThreshold()));
        return true;
    }
}
