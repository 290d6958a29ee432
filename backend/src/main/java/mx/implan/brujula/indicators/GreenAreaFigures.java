package mx.implan.brujula.indicators;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Green-area snapshots for the current year, from the surveyed GREEN_AREA polygons (area computed
 * by the server): m² of ACTIVE green area per inhabitant, and the share of that area in condition
 * MALO. A polygon counts in the zone holding its point on surface.
 */
@ApplicationScoped
class GreenAreaFigures extends Figures {

    static final List<String> CODES = List.of("GREEN_AREA_PER_INHABITANT", "GREEN_AREA_POOR_CONDITION_SHARE");

    @Override
    List<String> codes() {
        return CODES;
    }

    @Override
    PeriodType periodType() {
        return PeriodType.YEAR;
    }

    @Override
    Optional<LocalDate> snapshotPeriod(LocalDate today) {
        return Optional.of(periodType().start(today));
    }

    @Override
    Map<String, Object> parameters(LocalDate today) {
        return Map.of("current", periodType().start(today).toString());
    }

    @Override
    String query() {
        return """
                WITH b AS (
                    SELECT a.ancestor_id AS zone_id, c.status, c.area_m2, c.condition
                    FROM {contributions} c JOIN zone_ancestor a ON a.zone_id = c.zone_id
                    WHERE c.kind = 'GREEN_AREA' AND c.area_m2 IS NOT NULL
                ), cells AS (
                    SELECT * FROM b WHERE %s
                ), g AS (
                    SELECT zone_id,
                           COALESCE(sum(area_m2) FILTER (WHERE status = 'ACTIVE'), 0) AS active,
                           COALESCE(sum(area_m2) FILTER (WHERE status = 'ACTIVE' AND condition = 'MALO'), 0) AS poor
                    FROM cells GROUP BY zone_id
                )
                SELECT 'GREEN_AREA_PER_INHABITANT', CAST(:current AS date), g.zone_id, 'TOTAL',
                       CAST(g.active AS numeric), CAST(z.population AS numeric), CAST(NULL AS numeric)
                FROM g JOIN zone z ON z.id = g.zone_id
                UNION ALL
                SELECT 'GREEN_AREA_POOR_CONDITION_SHARE', CAST(:current AS date), g.zone_id, 'TOTAL', g.poor, g.active, NULL
                FROM g
                """.formatted(IN_SCOPE.formatted("CAST(:current AS date)"));
    }
}
