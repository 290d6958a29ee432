package mx.implan.brujula.works;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import mx.implan.brujula.model.geojson.GeoJson;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The wire shape of a public work (camelCase, GeoJSON geometry); also what the audit log records. */
@ApplicationScoped
public class WorkMapper {

    @Inject
    ObjectMapper mapper;

    public ObjectNode toJson(PublicWork w) {
        ObjectNode node = mapper.createObjectNode();
        node.put("id", w.id.toString());
        node.put("code", w.code);
        node.put("name", w.name);
        node.put("programme", w.programme);
        node.put("fund", w.fund);
        node.put("budgetMxn", w.budgetMxn);
        node.put("contractor", w.contractor);
        node.put("plannedStart", w.plannedStart == null ? null : w.plannedStart.toString());
        node.put("plannedEnd", w.plannedEnd == null ? null : w.plannedEnd.toString());
        node.set("plannedCurve", PlannedCurve.toJson(curve(w)));
        node.put("description", w.description);
        node.put("zoneId", w.zoneId);
        node.set("geometry", w.geom == null ? mapper.nullNode() : GeoJson.write(w.geom));
        node.put("rev", w.rev);
        node.put("updatedAt", w.updatedAt == null ? null
                : DateTimeFormatter.ISO_INSTANT.format(w.updatedAt.withOffsetSameInstant(ZoneOffset.UTC)));
        return node;
    }

    public List<CurvePoint> curve(PublicWork w) {
        if (w.plannedCurve == null) {
            return List.of();
        }
        try {
            JsonNode a = mapper.readTree(w.plannedCurve);
            return PlannedCurve.fromJson(a);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("planned_curve of work " + w.code + " is not JSON", e);
        }
    }
}
