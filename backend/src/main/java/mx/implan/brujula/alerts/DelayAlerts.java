package mx.implan.brujula.alerts;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import mx.implan.brujula.monitoring.WorkFellBehind;

/**
 * WORK_DELAYED: one alert each time a work falls behind (works monitoring fires the transition once,
 * in its transaction; this alert commits with it). Severity 3, or 4 when the delay is at least twice
 * the threshold.
 */
@ApplicationScoped
public class DelayAlerts {

    @Inject
    Alerts alerts;

    void onFellBehind(@Observes WorkFellBehind e) {
        ObjectNode details = JsonNodeFactory.instance.objectNode();
        details.put("code", e.code());
        details.put("name", e.name());
        details.put("plannedToday", e.plannedToday());
        details.put("lastActual", e.lastActual());
        details.put("delayPoints", e.delayPoints());
        details.put("threshold", e.threshold());
        int severity = e.delayPoints() >= 2 * e.threshold() ? 4 : 3;
        alerts.raise(new Alerts.NewAlert(AlertKind.WORK_DELAYED, severity, "work", e.workId(), e.zoneId(), details));
    }
}
