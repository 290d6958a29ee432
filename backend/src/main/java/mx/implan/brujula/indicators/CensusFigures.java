package mx.implan.brujula.indicators;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Figures of the zones themselves, for the census year: Censo 2020 population and density, and
 * CONAPO 2020 urban marginalisation (index and grade per AGEB, as loaded into the zones'
 * properties {@code IM_2020} and {@code GM_2020_NU}; the share of population in AGEBs graded high
 * or very high at every level, from the AGEBs' populations).
 */
@ApplicationScoped
class CensusFigures extends Figures {

    static final List<String> CODES = List.of("POPULATION", "POPULATION_DENSITY", "MARGINALISATION_INDEX",
            "MARGINALISATION_GRADE", "HIGH_MARGINALISATION_POPULATION_SHARE");

    @Inject
    IndicatorConfig config;

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
        return Map.of("year", LocalDate.of(config.censusYear(), 1, 1).toString());
    }

    @Override
    String query() {
        return """
                WITH graded AS (
                    SELECT id, population, CAST(properties->>'GM_2020_NU' AS integer) AS grade
                    FROM zone WHERE zone_type = 'AGEB' AND jsonb_typeof(properties->'GM_2020_NU') = 'number'
                ), b AS (
                    SELECT 'POPULATION' AS code, z.id AS zone_id, 'TOTAL' AS dimension, CAST(z.population AS numeric) AS numerator,
                           CAST(NULL AS numeric) AS denominator, CAST(z.population AS numeric) AS value
                    FROM zone z WHERE z.population IS NOT NULL
                    UNION ALL
                    SELECT 'POPULATION_DENSITY', z.id, 'TOTAL', z.population, round(CAST(z.area_km2 AS numeric), 4), NULL
                    FROM zone z WHERE z.population IS NOT NULL AND z.area_km2 > 0
                    UNION ALL
                    SELECT 'MARGINALISATION_INDEX', z.id, 'TOTAL', CAST(z.properties->>'IM_2020' AS numeric), NULL,
                           CAST(z.properties->>'IM_2020' AS numeric)
                    FROM zone z WHERE z.zone_type = 'AGEB' AND jsonb_typeof(z.properties->'IM_2020') = 'number'
                    UNION ALL
                    SELECT 'MARGINALISATION_GRADE', g.id, 'TOTAL', g.grade, NULL, g.grade FROM graded g
                    UNION ALL
                    SELECT 'HIGH_MARGINALISATION_POPULATION_SHARE', a.ancestor_id, 'TOTAL',
                           COALESCE(sum(g.population) FILTER (WHERE g.grade >= 3), 0), sum(g.population), NULL
                    FROM graded g JOIN zone_ancestor a ON a.zone_id = g.id
                    WHERE g.population IS NOT NULL GROUP BY a.ancestor_id
                )
                SELECT b.code, CAST(:year AS date), b.zone_id, b.dimension, b.numerator, b.denominator, b.value
                FROM b WHERE %s
                """.formatted(IN_SCOPE.formatted("CAST(:year AS date)"));
    }
}
