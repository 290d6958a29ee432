package mx.implan.brujula.alerts;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import mx.implan.brujula.model.observation.ObservationKind;
import mx.implan.brujula.model.observation.StatusLifecycle;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * RISK_UNATTENDED: severe risks still open (REPORTED or VERIFIED, the risk lifecycle's open states)
 * more than {@code unattended-days} after capture. A scheduled check reads the observations (it
 * never writes them); one alert per risk ever, so running it again — on any instance — adds nothing.
 */
@ApplicationScoped
public class UnattendedRisks {

    static final int BATCH = 200;

    @Inject
    EntityManager em;
    @Inject
    Alerts alerts;
    @Inject
    AlertsConfig config;

    @Scheduled(every = "${brujula.alerts.check-every:15m}", delayed = "2m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        check();
    }

    /** One pass now; returns how many alerts it raised. */
    public int check() {
        int raised = 0;
        Round round;
        do {
            round = QuarkusTransaction.requiringNew().call(this::round);
            raised += round.raised();
        } while (round.more());
        return raised;
    }

    /** One transaction's worth; {@code more}: a full batch that raised something, so there may be more. */
    private record Round(int raised, boolean more) {
    }

    private Round round() {
        List<String> open = StatusLifecycle.statusesOf(ObservationKind.RISK).stream().filter(StatusLifecycle::isOpen)
                .map(Enum::name).sorted().toList();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT o.id, o.attributes ->> 'hazard', CAST(o.attributes ->> 'severity' AS numeric), o.captured_at,
                            (SELECT z.id FROM zone z WHERE ST_Covers(z.geom, ST_PointOnSurface(o.geom))
                             ORDER BY CASE z.zone_type WHEN 'AGEB' THEN 0 WHEN 'LOCALITY' THEN 1 ELSE 2 END, z.id LIMIT 1)
                        FROM observation o
                        WHERE o.kind = 'RISK' AND o.status IN (:open)
                          AND jsonb_typeof(o.attributes -> 'severity') = 'number'
                          AND CAST(o.attributes ->> 'severity' AS numeric) >= :severity
                          AND o.captured_at < now() - make_interval(days => :days)
                          AND NOT EXISTS (SELECT 1 FROM alert a WHERE a.kind = 'RISK_UNATTENDED'
                                          AND a.subject_type = 'observation' AND a.subject_id = o.id)
                        ORDER BY o.captured_at, o.id
                        LIMIT :batch""")
                .setParameter("open", open).setParameter("severity", config.riskSeverity())
                .setParameter("days", config.unattendedDays()).setParameter("batch", BATCH)
                .getResultList();
        int raised = 0;
        for (Object[] r : rows) {
            Instant captured = instant(r[3]);
            int severity = ((Number) r[2]).intValue();
            ObjectNode details = JsonNodeFactory.instance.objectNode();
            details.put("hazard", (String) r[1]);
            details.put("severity", severity);
            details.put("capturedAt", captured.toString());
            details.put("days", Duration.between(captured, Instant.now()).toDays());
            if (alerts.raise(new Alerts.NewAlert(AlertKind.RISK_UNATTENDED, severity, "observation", (UUID) r[0],
                    (String) r[4], details)).isPresent()) {
                raised++;
            }
        }
        // A round that raised nothing although the batch was full (another instance raised them) ends the pass.
        return new Round(raised, rows.size() == BATCH && raised > 0);
    }

    private static Instant instant(Object value) {
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof Instant i) {
            return i;
        }
        return ((java.sql.Timestamp) value).toInstant();
    }
}
