package mx.implan.brujula.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import mx.implan.brujula.events.DomainEvent;
import mx.implan.brujula.events.EventProjector;
import mx.implan.brujula.model.observation.AttributeKeys;
import mx.implan.brujula.model.observation.ObservationKind;
import mx.implan.brujula.model.observation.ObservationStatus;
import mx.implan.brujula.model.observation.StatusLifecycle;

import java.util.List;
import java.util.UUID;

/**
 * RISK_HIGH_SEVERITY: the first time a risk is seen open (REPORTED or VERIFIED) at or above the
 * configured severity — on capture, or when an edit raises it — supervisors get one alert for it.
 */
@ApplicationScoped
public class RiskAlerts implements EventProjector {

    public static final String NAME = "alerts";

    @Inject
    Alerts alerts;
    @Inject
    AlertsConfig config;
    @Inject
    EntityManager em;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean accepts(DomainEvent event) {
        return "observation".equals(event.aggregateType()) && event.data() != null
                && ObservationKind.RISK.name().equals(event.data().path("kind").asText());
    }

    @Override
    public void apply(DomainEvent event) {
        JsonNode o = event.data();
        JsonNode severity = o.path("attributes").path(AttributeKeys.SEVERITY);
        if (!severity.canConvertToInt() || severity.asInt() < config.riskSeverity() || !open(o.path("status").asText())) {
            return;
        }
        ObjectNode details = JsonNodeFactory.instance.objectNode();
        details.put("hazard", o.path("attributes").path(AttributeKeys.HAZARD).asText(null));
        details.put("severity", severity.asInt());
        details.put("capturedAt", o.path("capturedAt").asText(null));
        alerts.raise(new Alerts.NewAlert(AlertKind.RISK_HIGH_SEVERITY, severity.asInt(), "observation",
                UUID.fromString(o.path("id").asText()), zoneAt(o.get("geometry")), details));
    }

    static boolean open(String status) {
        try {
            return StatusLifecycle.isOpen(ObservationStatus.valueOf(status));
        } catch (IllegalArgumentException unknown) {
            return false;
        }
    }

    /** The smallest zone holding the geometry (its AGEB, else its locality or the municipality); null outside every zone. */
    private String zoneAt(JsonNode geometry) {
        if (geometry == null || !geometry.isObject()) {
            return null;
        }
        @SuppressWarnings("unchecked")
        List<String> ids = em.createNativeQuery("""
                        SELECT z.id FROM zone z
                        WHERE ST_Covers(z.geom, ST_PointOnSurface(ST_SetSRID(ST_GeomFromGeoJSON(?1), 4326)))
                        ORDER BY CASE z.zone_type WHEN 'AGEB' THEN 0 WHEN 'LOCALITY' THEN 1 ELSE 2 END, z.id
                        LIMIT 1""")
                .setParameter(1, geometry.toString()).getResultList();
        return ids.isEmpty() ? null : ids.get(0);
    }
}
