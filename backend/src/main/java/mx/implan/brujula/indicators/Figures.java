package mx.implan.brujula.indicators;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A family of computed indicators derived by one SQL query from the contributions (and reference
 * tables). The query yields rows {@code (indicator_code, period_start, zone_id, dimension,
 * numerator, denominator, value)}; a NULL value is {@code numerator / denominator × scale} of the
 * indicator, rounded to 4 decimals, so counts are kept and rates never averaged. Writing a scope
 * deletes its cells of the family's indicators and inserts what the query yields for them.
 */
abstract class Figures {

    /** Filters rows {@code b} whose {@code b.zone_id} and {@code <period>} fall in the scope. */
    static final String IN_SCOPE = "(CAST(:all AS boolean) OR (b.zone_id, %s) IN "
            + "(SELECT e->>'z', CAST(e->>'p' AS date) FROM jsonb_array_elements(CAST(:scope AS jsonb)) e))";

    /** Filters by period alone, before the join with the zones' ancestors that multiplies rows: {@code %s} is the period. */
    static final String IN_SCOPE_PERIODS = "(CAST(:all AS boolean) OR %s IN "
            + "(SELECT CAST(e->>'p' AS date) FROM jsonb_array_elements(CAST(:scope AS jsonb)) e))";

    /** The indicators this family writes. */
    abstract List<String> codes();

    /** The period type of every value the family writes. */
    abstract PeriodType periodType();

    /**
     * The first day of the only period a snapshot family writes (it describes the present); empty
     * for families that write every period.
     */
    abstract java.util.Optional<LocalDate> snapshotPeriod(LocalDate today);

    /** The derivation query (with {@code {values}}/{@code {contributions}} placeholders and {@link #IN_SCOPE} applied). */
    abstract String query();

    /** Parameters of {@link #query()} besides {@code all} and {@code scope}. */
    abstract Map<String, Object> parameters(LocalDate today);

    /** Rewrites the scope's cells of this family in {@code tables}; returns the number of values written. */
    int write(EntityManager em, Tables tables, Scope scope, LocalDate today) {
        if (scope.isEmpty()) {
            return 0;
        }
        java.util.Optional<LocalDate> snapshot = snapshotPeriod(today);
        Query delete = em.createNativeQuery(tables.sql("""
                        DELETE FROM {values} b WHERE b.origin = 'COMPUTED' AND b.indicator_code IN (:codes)
                          AND (:snapshot = '' OR b.period_start = CAST(NULLIF(:snapshot, '') AS date))
                          AND """ + IN_SCOPE.formatted("b.period_start")))
                .setParameter("codes", codes())
                .setParameter("snapshot", snapshot.map(LocalDate::toString).orElse(""));
        bindScope(delete, scope).executeUpdate();
        Query insert = em.createNativeQuery(tables.sql("""
                INSERT INTO {values} (indicator_code, period_type, period_start, zone_id, dimension, numerator, denominator,
                                      value, origin, source, updated_at)
                SELECT d.code, :periodType, d.period_start, d.zone_id, d.dimension, d.numerator, d.denominator,
                       COALESCE(d.value, round(d.numerator / NULLIF(d.denominator, 0) * i.scale, 4)), 'COMPUTED', NULL, now()
                FROM (""" + query() + """
                ) AS d (code, period_start, zone_id, dimension, numerator, denominator, value)
                JOIN indicator i ON i.code = d.code
                """));
        parameters(today).forEach(insert::setParameter);
        insert.setParameter("periodType", periodType().name());
        return bindScope(insert, scope).executeUpdate();
    }

    private static Query bindScope(Query q, Scope scope) {
        return q.setParameter("all", scope.all()).setParameter("scope", scope.json());
    }
}
