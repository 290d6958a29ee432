package mx.implan.brujula.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
        applyAll(List.of(event));
    }

    /** The lot's severe open risks, their zones found in one query, their alerts recorded in one insert. */
    @Override
    public void applyAll(List<DomainEvent> events) {
        List<JsonNode> severe = new ArrayList<>();
        for (DomainEvent event : events) {
            JsonNode o = event.data();
            JsonNode severity = o.path("attributes").path(AttributeKeys.SEVERITY);
            if (severity.canConvertToInt() && severity.asInt() >= config.riskSeverity() && open(o.path("status").asText())) {
                severe.add(o);
            }
        }
        if (severe.isEmpty()) {
            return;
        }
        Map<String, String> zones = zonesAt(severe);
        List<Alerts.NewAlert> raised = new ArrayList<>(severe.size());
        for (JsonNode o : severe) {
            int severity = o.path("attributes").path(AttributeKeys.SEVERITY).asInt();
            ObjectNode details = JsonNodeFactory.instance.objectNode();
            details.put("hazard", o.path("attributes").path(AttributeKeys.HAZARD).asText(null));
            details.put("severity", severity);
            details.put("capturedAt", o.path("capturedAt").asText(null));
            raised.add(new Alerts.NewAlert(AlertKind.RISK_HIGH_SEVERITY, severity, "observation",
                    UUID.fromString(o.path("id").asText()), zones.get(o.path("id").asText()), details));
        }
        alerts.raiseAll(raised);
    }

    static boolean open(String status) {
        try {
            return StatusLifecycle.isOpen(ObservationStatus.valueOf(status));
        } catch (IllegalArgumentException unknown) {
            return false;
        }
    }

    /**
     * Per observation id, the smallest zone holding its geometry's point on surface: its AGEB, else
     * its locality, else the municipality (lower levels first, so the large outlines are rarely
     * tested); absent outside every zone.
     */
    private Map<String, String> zonesAt(List<JsonNode> observations) {
        ArrayNode points = JsonNodeFactory.instance.arrayNode();
        for (JsonNode o : observations) {
            if (o.path("geometry").isObject()) {
                points.addObject().put("id", o.path("id").asText()).set("geometry", o.get("geometry"));
            }
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        WITH p AS (
                            SELECT x.id, ST_PointOnSurface(ST_SetSRID(ST_GeomFromGeoJSON(CAST(x.geometry AS text)), 4326)) AS pt
                            FROM jsonb_to_recordset(CAST(?1 AS jsonb)) AS x(id text, geometry jsonb))
                        SELECT p.id, COALESCE(
                            (SELECT z.id FROM zone z WHERE z.zone_type = 'AGEB' AND ST_Covers(z.geom, p.pt) ORDER BY z.id LIMIT 1),
                            (SELECT z.id FROM zone z WHERE z.zone_type = 'LOCALITY' AND ST_Covers(z.geom, p.pt) ORDER BY z.id LIMIT 1),
                            (SELECT z.id FROM zone z WHERE z.zone_type NOT IN ('AGEB', 'LOCALITY') AND ST_Covers(z.geom, p.pt)
                             ORDER BY z.id LIMIT 1))
                        FROM p""")
                .setParameter(1, points.toString()).getResultList();
        Map<String, String> zones = new HashMap<>();
        for (Object[] r : rows) {
            if (r[1] != null) {
                zones.put((String) r[0], (String) r[1]);
            }
        }
        return zones;
    }
}
