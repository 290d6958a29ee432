package mx.implan.brujula.indicators;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Equidad: public-works investment (the catalogue's budget_mxn) per inhabitant, by the year the
 * work is planned to start, in total, by funding programme and by the marginalisation grade of the
 * work's AGEB. A grade's denominator is the population of the zone's AGEBs of that grade, and every
 * grade present in a zone gets a value in each year the zone has investment — 0 included, which is
 * what an equity reading needs to see.
 */
@ApplicationScoped
class InvestmentFigures extends Figures {

    static final List<String> CODES = List.of("PUBLIC_WORKS_INVESTMENT_PER_INHABITANT");

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
        return Optional.empty();
    }

    @Override
    Map<String, Object> parameters(LocalDate today) {
        return Map.of();
    }

    @Override
    String query() {
        return """
                WITH graded AS (
                    SELECT id, population, CAST(properties->>'GM_2020_NU' AS integer) AS grade
                    FROM zone WHERE zone_type = 'AGEB' AND jsonb_typeof(properties->'GM_2020_NU') = 'number'
                ), b AS (
                    SELECT a.ancestor_id AS zone_id, CAST(date_trunc('year', w.planned_start) AS date) AS period_start,
                           w.budget_mxn, NULLIF(btrim(w.programme), '') AS programme, g.grade
                    FROM public_work w JOIN zone_ancestor a ON a.zone_id = w.zone_id LEFT JOIN graded g ON g.id = w.zone_id
                    WHERE w.budget_mxn IS NOT NULL AND w.planned_start IS NOT NULL
                ), cells AS (
                    SELECT * FROM b WHERE %s
                ), grade_population AS (
                    SELECT a.ancestor_id AS zone_id, g.grade, sum(g.population) AS population
                    FROM graded g JOIN zone_ancestor a ON a.zone_id = g.id
                    WHERE g.population > 0 GROUP BY a.ancestor_id, g.grade
                ), years AS (
                    SELECT DISTINCT zone_id, period_start FROM cells
                )
                SELECT 'PUBLIC_WORKS_INVESTMENT_PER_INHABITANT', c.period_start, c.zone_id, 'TOTAL',
                       sum(c.budget_mxn), CAST(z.population AS numeric), CAST(NULL AS numeric)
                FROM cells c JOIN zone z ON z.id = c.zone_id GROUP BY c.zone_id, c.period_start, z.population
                UNION ALL
                SELECT 'PUBLIC_WORKS_INVESTMENT_PER_INHABITANT', c.period_start, c.zone_id, 'programme:' || c.programme,
                       sum(c.budget_mxn), z.population, NULL
                FROM cells c JOIN zone z ON z.id = c.zone_id WHERE c.programme IS NOT NULL
                GROUP BY c.zone_id, c.period_start, c.programme, z.population
                UNION ALL
                SELECT 'PUBLIC_WORKS_INVESTMENT_PER_INHABITANT', y.period_start, y.zone_id, 'grade:' || gp.grade,
                       COALESCE((SELECT sum(c.budget_mxn) FROM cells c
                                 WHERE c.zone_id = y.zone_id AND c.period_start = y.period_start AND c.grade = gp.grade), 0),
                       gp.population, NULL
                FROM years y JOIN grade_population gp ON gp.zone_id = y.zone_id
                """.formatted(IN_SCOPE.formatted("b.period_start"));
    }
}
