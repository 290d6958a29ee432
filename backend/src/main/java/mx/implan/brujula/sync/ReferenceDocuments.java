package mx.implan.brujula.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.util.List;

/** Builds the pull payload of works and zones in SQL (GeoJSON geometry included) so devices can work offline. */
@ApplicationScoped
public class ReferenceDocuments {

    @Inject
    EntityManager em;
    @Inject
    ObjectMapper json;

    public JsonNode work(String id) {
        return one("""
                SELECT jsonb_build_object('id', w.id, 'code', w.code, 'name', w.name, 'programme', w.programme,
                         'fund', w.fund, 'budgetMxn', w.budget_mxn, 'contractor', w.contractor,
                         'plannedStart', w.planned_start, 'plannedEnd', w.planned_end, 'plannedCurve', w.planned_curve,
                         'description', w.description, 'zoneId', w.zone_id, 'rev', w.rev,
                         'geometry', CASE WHEN w.geom IS NULL THEN NULL ELSE ST_AsGeoJSON(w.geom, 7)::jsonb END)::text
                FROM public_work w WHERE w.id = CAST(?1 AS uuid)""", id);
    }

    public JsonNode zone(String id) {
        return one("""
                SELECT jsonb_build_object('id', z.id, 'type', z.zone_type, 'name', z.name, 'parentId', z.parent_id,
                         'population', z.population, 'areaKm2', z.area_km2, 'rev', z.rev,
                         'geometry', ST_AsGeoJSON(z.geom, 6)::jsonb)::text
                FROM zone z WHERE z.id = ?1""", id);
    }

    @SuppressWarnings("unchecked")
    private JsonNode one(String sql, String id) {
        List<String> rows = em.createNativeQuery(sql).setParameter(1, id).getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        try {
            return json.readTree(rows.get(0));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
