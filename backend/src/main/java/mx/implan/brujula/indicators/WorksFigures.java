package mx.implan.brujula.indicators;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import mx.implan.brujula.model.works.PlanPoint;
import mx.implan.brujula.model.works.PlannedProgress;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Public-works snapshots for the current month: the average of each work's latest reported
 * progress, and the share of works behind their planned curve by more than
 * {@code brujula.indicators.works-delay-points}. The catalogue is read
 * as it is whenever these figures are derived; today's planned progress comes from
 * {@link PlannedProgress}, the same reading of the curve the field app shows.
 */
@ApplicationScoped
class WorksFigures extends Figures {

    static final List<String> CODES = List.of("WORKS_AVERAGE_PROGRESS", "WORKS_DELAYED_SHARE");

    @Inject
    IndicatorConfig config;
    @Inject
    EntityManager em;
    @Inject
    ObjectMapper mapper;

    @Override
    List<String> codes() {
        return CODES;
    }

    @Override
    PeriodType periodType() {
        return PeriodType.MONTH;
    }

    @Override
    Optional<LocalDate> snapshotPeriod(LocalDate today) {
        return Optional.of(periodType().start(today));
    }

    @Override
    Map<String, Object> parameters(LocalDate today) {
        return Map.of("current", periodType().start(today).toString(), "plans", plans(today),
                "tolerance", String.valueOf(config.worksDelayPoints()));
    }

    @Override
    String query() {
        return """
                WITH plan AS (
                    SELECT CAST(e->>'w' AS uuid) AS work_id, e->>'z' AS zone_id, CAST(e->>'p' AS numeric) AS planned
                    FROM jsonb_array_elements(CAST(:plans AS jsonb)) e
                ), latest AS (
                    SELECT DISTINCT ON (c.work_id) c.work_id, c.progress
                    FROM {contributions} c
                    WHERE c.kind = 'WORKS_PROGRESS' AND c.status = 'ACTIVE' AND c.work_id IS NOT NULL AND c.progress IS NOT NULL
                    ORDER BY c.work_id, c.captured_at DESC, c.observation_id DESC
                ), b AS (
                    SELECT a.ancestor_id AS zone_id, p.planned, l.progress
                    FROM plan p LEFT JOIN latest l ON l.work_id = p.work_id JOIN zone_ancestor a ON a.zone_id = p.zone_id
                ), cells AS (
                    SELECT * FROM b WHERE %s
                )
                SELECT 'WORKS_AVERAGE_PROGRESS', CAST(:current AS date), zone_id, 'TOTAL',
                       sum(progress), CAST(count(progress) AS numeric), CAST(NULL AS numeric)
                FROM cells GROUP BY zone_id HAVING count(progress) > 0
                UNION ALL
                SELECT 'WORKS_DELAYED_SHARE', CAST(:current AS date), zone_id, 'TOTAL',
                       count(*) FILTER (WHERE planned > 0 AND COALESCE(progress, 0) < planned - CAST(:tolerance AS numeric)),
                       count(*) FILTER (WHERE planned > 0), NULL
                FROM cells GROUP BY zone_id HAVING count(*) FILTER (WHERE planned > 0) > 0
                """.formatted(IN_SCOPE.formatted("CAST(:current AS date)"));
    }

    /** Every catalogued work with a zone and today's planned percent (0 without a plan), as JSON for the query. */
    String plans(LocalDate today) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                "SELECT CAST(id AS text), zone_id, CAST(planned_curve AS text) FROM public_work WHERE zone_id IS NOT NULL ORDER BY code")
                .getResultList();
        ArrayNode out = mapper.createArrayNode();
        for (Object[] r : rows) {
            double planned = PlannedProgress.at(curve((String) r[2]), today).orElse(0.0);
            out.addObject().put("w", (String) r[0]).put("z", (String) r[1]).put("p", String.valueOf(planned));
        }
        return out.toString();
    }

    private List<PlanPoint> curve(String json) {
        List<PlanPoint> points = new ArrayList<>();
        try {
            for (JsonNode p : mapper.readTree(json == null ? "[]" : json)) {
                points.add(new PlanPoint(LocalDate.parse(p.path("date").asText()), p.path("percent").asDouble()));
            }
        } catch (JsonProcessingException | DateTimeParseException unreadable) {
            // The catalogue validates curves; one it cannot have written means no plan, not a failure.
            return List.of();
        }
        return points;
    }
}
