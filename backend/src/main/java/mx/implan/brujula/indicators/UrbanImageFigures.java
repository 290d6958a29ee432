package mx.implan.brujula.indicators;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Urban-image reports by the quarter they were captured in (flows): reports per 1,000 inhabitants
 * and share resolved (in total and by issue), pothole (BACHE) reports per 10,000 inhabitants and
 * share attended, and the median days to resolve. Dismissed reports are left out; a zone's
 * denominator is its own census population.
 */
@ApplicationScoped
class UrbanImageFigures extends Figures {

    static final List<String> CODES = List.of("URBAN_IMAGE_REPORTS_PER_1K", "URBAN_IMAGE_RESOLVED_SHARE",
            "POTHOLE_REPORTS_PER_10K", "POTHOLE_REPORTS_ATTENDED_SHARE", "URBAN_IMAGE_MEDIAN_DAYS_TO_RESOLVE");

    @Override
    List<String> codes() {
        return CODES;
    }

    @Override
    PeriodType periodType() {
        return PeriodType.QUARTER;
    }

    @Override
    Optional<LocalDate> snapshotPeriod(LocalDate today) {
        return Optional.empty();
    }

    @Override
    Map<String, Object> parameters(LocalDate today) {
        return Map.of();
    }

    @Override
    String query() {
        return """
                WITH b AS (
                    SELECT a.ancestor_id AS zone_id, CAST(date_trunc('quarter', c.captured_on) AS date) AS period_start,
                           c.category, c.status, c.resolve_days
                    FROM {contributions} c JOIN zone_ancestor a ON a.zone_id = c.zone_id
                    WHERE c.kind = 'URBAN_IMAGE' AND c.status <> 'DISMISSED' AND %s
                ), cells AS (
                    SELECT * FROM b WHERE %s
                ), totals AS (
                    SELECT zone_id, period_start, count(*) AS reports,
                           count(*) FILTER (WHERE status = 'RESOLVED') AS resolved,
                           count(*) FILTER (WHERE category = 'BACHE') AS potholes,
                           count(*) FILTER (WHERE category = 'BACHE' AND status = 'RESOLVED') AS potholes_resolved,
                           count(resolve_days) AS timed,
                           percentile_cont(0.5) WITHIN GROUP (ORDER BY resolve_days) AS median_days
                    FROM cells GROUP BY zone_id, period_start
                ), shares AS (
                    SELECT zone_id, period_start, 'TOTAL' AS dimension, reports, resolved FROM totals
                    UNION ALL
                    SELECT zone_id, period_start, 'issue:' || category, count(*), count(*) FILTER (WHERE status = 'RESOLVED')
                    FROM cells WHERE category IS NOT NULL GROUP BY zone_id, period_start, category
                )
                SELECT 'URBAN_IMAGE_REPORTS_PER_1K', s.period_start, s.zone_id, s.dimension,
                       CAST(s.reports AS numeric), CAST(z.population AS numeric), CAST(NULL AS numeric)
                FROM shares s JOIN zone z ON z.id = s.zone_id
                UNION ALL
                SELECT 'URBAN_IMAGE_RESOLVED_SHARE', s.period_start, s.zone_id, s.dimension, s.resolved, s.reports, NULL
                FROM shares s
                UNION ALL
                SELECT 'POTHOLE_REPORTS_PER_10K', t.period_start, t.zone_id, 'TOTAL', t.potholes, z.population, NULL
                FROM totals t JOIN zone z ON z.id = t.zone_id WHERE t.potholes > 0
                UNION ALL
                SELECT 'POTHOLE_REPORTS_ATTENDED_SHARE', t.period_start, t.zone_id, 'TOTAL', t.potholes_resolved, t.potholes, NULL
                FROM totals t WHERE t.potholes > 0
                UNION ALL
                SELECT 'URBAN_IMAGE_MEDIAN_DAYS_TO_RESOLVE', t.period_start, t.zone_id, 'TOTAL', NULL, t.timed,
                       round(CAST(t.median_days AS numeric), 2)
                FROM totals t WHERE t.timed > 0
                """.formatted(IN_SCOPE_PERIODS.formatted("CAST(date_trunc('quarter', c.captured_on) AS date)"),
                IN_SCOPE.formatted("b.period_start"));
    }
}
