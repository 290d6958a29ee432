package mx.implan.brujula.indicators;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Reads the indicator catalogue and its categories (small tables: read whole, in catalogue order). */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class IndicatorCatalogue {

    private static final String SELECT = """
            SELECT i.code, i.category, c.name_es, c.name_en, i.name_es, i.name_en, i.unit_es, i.unit_en, i.formula_es,
                   i.formula_en, i.source, i.periodicity, i.polarity, i.target, i.target_note, i.scale, i.method,
                   array_to_string(i.levels, ','), array_to_string(i.dimensions, ','), CAST(i.value_labels AS text)
            FROM indicator i JOIN indicator_category c ON c.code = i.category
            """;

    @Inject
    EntityManager em;
    @Inject
    ObjectMapper mapper;

    /** Every indicator, or those of one category, in catalogue order. */
    public List<Indicator> list(Optional<String> category) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(SELECT + " WHERE :category = '' OR i.category = :category"
                        + " ORDER BY c.sort_order, i.sort_order, i.code")
                .setParameter("category", category.orElse("")).getResultList();
        return rows.stream().map(this::indicator).toList();
    }

    public Optional<Indicator> find(String code) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(SELECT + " WHERE i.code = :code").setParameter("code", code).getResultList();
        return rows.stream().findFirst().map(this::indicator);
    }

    public List<Indicator.Category> categories() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT code, name_es, name_en FROM indicator_category ORDER BY sort_order")
                .getResultList();
        return rows.stream().map(r -> new Indicator.Category((String) r[0], new Indicator.Text((String) r[1], (String) r[2]))).toList();
    }

    private Indicator indicator(Object[] r) {
        return new Indicator((String) r[0],
                new Indicator.Category((String) r[1], new Indicator.Text((String) r[2], (String) r[3])),
                new Indicator.Text((String) r[4], (String) r[5]), new Indicator.Text((String) r[6], (String) r[7]),
                new Indicator.Text((String) r[8], (String) r[9]), (String) r[10], PeriodType.valueOf((String) r[11]),
                Optional.ofNullable((String) r[12]).map(Indicator.Polarity::valueOf),
                Optional.ofNullable((BigDecimal) r[13]), Optional.ofNullable((String) r[14]), (BigDecimal) r[15],
                Indicator.Method.valueOf((String) r[16]), split((String) r[17]), split((String) r[18]),
                Optional.ofNullable((String) r[19]).map(this::json));
    }

    private static List<String> split(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : new ArrayList<>(Arrays.asList(joined.split(",")));
    }

    private JsonNode json(String text) {
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("indicator.value_labels is not JSON", e);
        }
    }
}
