package mx.implan.brujula.indicators;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import mx.implan.brujula.config.BrujulaConfig;
import org.jboss.logging.Logger;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every computed figure from scratch: the contributions rebuilt from the observation table with
 * the same extraction the projector applies to events, then every family derived over all cells.
 * Into {@link Tables#LIVE} it repairs the read model (after zones change, or on demo start-up);
 * into {@link Tables#SCRATCH} it checks the projection ({@link #differences}). Past months' and
 * years' snapshots in the live tables are kept: the observation table only knows the present.
 */
@ApplicationScoped
public class IndicatorRecompute {

    private static final Logger LOG = Logger.getLogger(IndicatorRecompute.class);

    /** What one recompute did. */
    public record Report(int contributions, int values, long millis) {
    }

    /** A cell whose figures differ between the live and the scratch tables (null side = missing there). */
    public record Difference(String indicatorCode, String zoneId, String periodType, LocalDate periodStart, String dimension,
                             String live, String recomputed) {
    }

    @Inject
    EntityManager em;
    @Inject
    BrujulaConfig brujula;
    @Inject
    IndicatorLock lock;
    @Inject
    Contributions contributions;
    @Inject
    FigureFamilies families;

    /** Recomputes everything into the live tables, in one transaction. */
    public Report recomputeLive() {
        Report report = QuarkusTransaction.requiringNew().call(() -> recompute(Tables.LIVE, Optional.empty()));
        LOG.infof("Indicators recomputed: %d observations, %d values, %d ms", report.contributions(), report.values(), report.millis());
        return report;
    }

    /**
     * Recomputes into {@code tables} in the caller's transaction; with {@code rootZone}, only from the
     * observations touching that zone (a scratch check of one part of the territory).
     */
    public Report recompute(Tables tables, Optional<String> rootZone) {
        if (tables == Tables.LIVE && rootZone.isPresent()) {
            // The live figures of everything else would lose their contributions.
            throw new IllegalArgumentException("A recompute of part of the territory goes into the scratch tables");
        }
        long started = System.nanoTime();
        lock.of(tables);
        if (tables == Tables.SCRATCH) {
            em.createNativeQuery(tables.sql("TRUNCATE {values}")).executeUpdate();
        }
        int observed = contributions.rebuild(tables, rootZone);
        LocalDate today = LocalDate.now(brujula.timezone());
        int values = 0;
        for (Figures f : families.all()) {
            values += f.write(em, tables, Scope.everything(), today);
        }
        return new Report(observed, values, (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Recomputes into the scratch tables from the observations touching {@code rootZone} and lists
     * the cells of that zone and everything below it where the projector's figures differ.
     */
    public List<Difference> differences(String rootZone) {
        return QuarkusTransaction.requiringNew().call(() -> {
            recompute(Tables.SCRATCH, Optional.of(rootZone));
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("""
                            WITH inside AS (SELECT zone_id FROM zone_ancestor WHERE ancestor_id = :root),
                            l AS (SELECT * FROM indicator_value WHERE indicator_code IN (:codes) AND zone_id IN (SELECT zone_id FROM inside)),
                            s AS (SELECT * FROM indicator_value_scratch WHERE indicator_code IN (:codes) AND zone_id IN (SELECT zone_id FROM inside))
                            SELECT COALESCE(l.indicator_code, s.indicator_code), COALESCE(l.zone_id, s.zone_id),
                                   COALESCE(l.period_type, s.period_type), CAST(COALESCE(l.period_start, s.period_start) AS text),
                                   COALESCE(l.dimension, s.dimension),
                                   CASE WHEN l.zone_id IS NOT NULL THEN concat_ws(' ', l.numerator, '/', l.denominator, '=', l.value) END,
                                   CASE WHEN s.zone_id IS NOT NULL THEN concat_ws(' ', s.numerator, '/', s.denominator, '=', s.value) END
                            FROM l FULL JOIN s ON (l.indicator_code, l.period_type, l.period_start, l.zone_id, l.dimension)
                                                = (s.indicator_code, s.period_type, s.period_start, s.zone_id, s.dimension)
                            WHERE l.zone_id IS NULL OR s.zone_id IS NULL
                               OR (l.numerator, l.denominator, l.value) IS DISTINCT FROM (s.numerator, s.denominator, s.value)
                            ORDER BY 1, 2, 4, 5
                            """)
                    .setParameter("root", rootZone)
                    .setParameter("codes", families.projected().stream().flatMap(f -> f.codes().stream()).toList())
                    .getResultList();
            List<Difference> out = new ArrayList<>();
            for (Object[] r : rows) {
                out.add(new Difference((String) r[0], (String) r[1], (String) r[2], LocalDate.parse((String) r[3]),
                        (String) r[4], (String) r[5], (String) r[6]));
            }
            return out;
        });
    }
}
