package mx.implan.brujula.indicators;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import mx.implan.brujula.zones.ZoneType;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Reads indicator values with their zones, ordered by period, zone and dimension (the keyset of pages). */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class IndicatorValues {

    /** A validated request; {@code after} is the key of the last value of the previous page. */
    public record Query(String code, Optional<ZoneType> level, Optional<String> zone, Optional<LocalDate> from,
                        Optional<LocalDate> to, Optional<PeriodType> period, Optional<String> dimension, int limit,
                        Optional<Key> after) {
    }

    /** The order of values and the position of a page. */
    public record Key(LocalDate periodStart, String periodType, String zoneId, String dimension) {
    }

    public record Value(String zoneId, String zoneName, String level, PeriodType periodType, LocalDate periodStart,
                        String dimension, BigDecimal numerator, BigDecimal denominator, BigDecimal value, String origin,
                        String source, OffsetDateTime updatedAt) {

        public Key key() {
            return new Key(periodStart, periodType.name(), zoneId, dimension);
        }
    }

    @Inject
    EntityManager em;

    public boolean zoneExists(String id) {
        return !em.createNativeQuery("SELECT 1 FROM zone WHERE id = :id").setParameter("id", id).getResultList().isEmpty();
    }

    /** Up to {@code limit + 1} values (one more than a page tells whether another follows). */
    public List<Value> page(Query q) {
        return select(q, q.limit() + 1).map(IndicatorValues::value).toList();
    }

    /** Every value the filters select (pages do not apply), as a stream to be closed by the caller. */
    @SuppressWarnings("unchecked")
    public Stream<Value> all(Query q) {
        return select(q, 0).map(IndicatorValues::value);
    }

    @SuppressWarnings("unchecked")
    private Stream<Object[]> select(Query q, int limit) {
        StringBuilder sql = new StringBuilder("""
                SELECT v.zone_id, z.name, z.zone_type, v.period_type, CAST(v.period_start AS text), v.dimension, v.numerator,
                       v.denominator, v.value, v.origin, v.source, v.updated_at
                FROM indicator_value v LEFT JOIN zone z ON z.id = v.zone_id
                WHERE v.indicator_code = :code""");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("code", q.code());
        q.level().ifPresent(l -> {
            sql.append(" AND z.zone_type = :level");
            params.put("level", l.name());
        });
        q.zone().ifPresent(z -> {
            sql.append(" AND v.zone_id = :zone");
            params.put("zone", z);
        });
        q.from().ifPresent(f -> {
            sql.append(" AND v.period_start >= CAST(:from AS date)");
            params.put("from", f.toString());
        });
        q.to().ifPresent(t -> {
            sql.append(" AND v.period_start <= CAST(:to AS date)");
            params.put("to", t.toString());
        });
        q.period().ifPresent(p -> {
            sql.append(" AND v.period_type = :period");
            params.put("period", p.name());
        });
        q.dimension().ifPresent(d -> {
            sql.append(" AND v.dimension = :dimension");
            params.put("dimension", d);
        });
        q.after().ifPresent(a -> {
            sql.append(" AND (v.period_start, v.period_type, v.zone_id, v.dimension)"
                    + " > (CAST(:afterStart AS date), :afterType, :afterZone, :afterDimension)");
            params.put("afterStart", a.periodStart().toString());
            params.put("afterType", a.periodType());
            params.put("afterZone", a.zoneId());
            params.put("afterDimension", a.dimension());
        });
        sql.append(" ORDER BY v.period_start, v.period_type, v.zone_id, v.dimension");
        if (limit > 0) {
            sql.append(" LIMIT ").append(limit);
        }
        jakarta.persistence.Query query = em.createNativeQuery(sql.toString());
        params.forEach(query::setParameter);
        return query.getResultStream();
    }

    private static Value value(Object[] r) {
        return new Value((String) r[0], (String) r[1], (String) r[2], PeriodType.valueOf((String) r[3]),
                LocalDate.parse((String) r[4]), (String) r[5], (BigDecimal) r[6], (BigDecimal) r[7], (BigDecimal) r[8],
                (String) r[9], (String) r[10], updatedAt(r[11]));
    }

    private static OffsetDateTime updatedAt(Object o) {
        if (o instanceof OffsetDateTime t) {
            return t;
        }
        if (o instanceof java.time.Instant i) {
            return i.atOffset(java.time.ZoneOffset.UTC);
        }
        return ((java.sql.Timestamp) o).toInstant().atOffset(java.time.ZoneOffset.UTC);
    }
}
