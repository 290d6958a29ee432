package mx.implan.brujula.indicators;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import mx.implan.brujula.testing.Db;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Optional;

/** Reads one indicator value with plain JDBC, independent of the code under test. */
@ApplicationScoped
class Values {

    /** A stored value; numbers compared by value, not scale. */
    record Figure(BigDecimal numerator, BigDecimal denominator, BigDecimal value) {

        boolean is(String numerator, String denominator, String value) {
            return same(this.numerator, numerator) && same(this.denominator, denominator) && same(this.value, value);
        }

        private static boolean same(BigDecimal actual, String expected) {
            return expected == null ? actual == null : actual != null && actual.compareTo(new BigDecimal(expected)) == 0;
        }

        @Override
        public String toString() {
            return numerator + " / " + denominator + " = " + value;
        }
    }

    @Inject
    Db db;

    Optional<Figure> get(String code, String zone, LocalDate periodStart, String dimension) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("""
                SELECT numerator, denominator, value FROM indicator_value
                WHERE indicator_code = ? AND zone_id = ? AND period_start = ? AND dimension = ?""")) {
            ps.setString(1, code);
            ps.setString(2, zone);
            ps.setObject(3, periodStart);
            ps.setString(4, dimension);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Figure(rs.getBigDecimal(1), rs.getBigDecimal(2), rs.getBigDecimal(3)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    Optional<Figure> get(String code, String zone, LocalDate periodStart) {
        return get(code, zone, periodStart, "TOTAL");
    }

    long count(String code, String zonePrefix) {
        return db.count("SELECT count(*) FROM indicator_value WHERE indicator_code = ? AND zone_id LIKE ?", code, zonePrefix + "%");
    }
}
