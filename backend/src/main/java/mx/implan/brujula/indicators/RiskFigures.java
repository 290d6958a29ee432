package mx.implan.brujula.indicators;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Atlas de Riesgo snapshots for the current month: open risks (REPORTED or VERIFIED) per 10,000
 * inhabitants, in total, by hazard and by severity, and the high-severity risks (4–5) nobody has
 * attended (still REPORTED) more than {@code brujula.indicators.unattended-risk-days} days after
 * capture. A zone that ever had a risk gets its cells, so closing the last one shows 0.
 */
@ApplicationScoped
class RiskFigures extends Figures {

    static final List<String> CODES = List.of("OPEN_RISKS_PER_10K", "HIGH_SEVERITY_RISKS_UNATTENDED");

    @Inject
    IndicatorConfig config;

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
        return Map.of("current", periodType().start(today).toString(),
                "cutoff", today.minusDays(config.unattendedRiskDays()).toString());
    }

    @Override
    String query() {
        return """
                WITH b AS (
                    SELECT a.ancestor_id AS zone_id, c.category AS hazard, c.severity, c.status, c.captured_on,
                           c.status IN ('REPORTED', 'VERIFIED') AS open
                    FROM {contributions} c JOIN zone_ancestor a ON a.zone_id = c.zone_id
                    WHERE c.kind = 'RISK'
                ), cells AS (
                    SELECT * FROM b WHERE %s
                ), open AS (
                    SELECT zone_id, 'TOTAL' AS dimension, count(*) FILTER (WHERE open) AS risks FROM cells GROUP BY zone_id
                    UNION ALL
                    SELECT zone_id, 'hazard:' || hazard, count(*) FILTER (WHERE open) FROM cells
                    WHERE hazard IS NOT NULL GROUP BY zone_id, hazard
                    UNION ALL
                    SELECT zone_id, 'severity:' || severity, count(*) FILTER (WHERE open) FROM cells
                    WHERE severity IS NOT NULL GROUP BY zone_id, severity
                )
                SELECT 'OPEN_RISKS_PER_10K', CAST(:current AS date), o.zone_id, o.dimension,
                       CAST(o.risks AS numeric), CAST(z.population AS numeric), CAST(NULL AS numeric)
                FROM open o JOIN zone z ON z.id = o.zone_id
                UNION ALL
                SELECT 'HIGH_SEVERITY_RISKS_UNATTENDED', CAST(:current AS date), zone_id, 'TOTAL', u.n, NULL, u.n
                FROM (SELECT zone_id, CAST(count(*) FILTER (WHERE severity >= 4 AND status = 'REPORTED'
                                                      AND captured_on < CAST(:cutoff AS date)) AS numeric) AS n
                      FROM cells GROUP BY zone_id) u
                """.formatted(IN_SCOPE.formatted("CAST(:current AS date)"));
    }
}
