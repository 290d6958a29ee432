package mx.implan.brujula.indicators;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * One indicator of the catalogue (the {@code indicator} table, seeded by migration). Texts come in
 * Spanish and English; {@code value = numerator / denominator × scale}.
 */
public record Indicator(String code, Category category, Text name, Text unit, Text formula, String source,
                        PeriodType periodicity, Optional<Polarity> polarity, Optional<BigDecimal> target,
                        Optional<String> targetNote, BigDecimal scale, Method method, List<String> levels,
                        List<String> dimensions, Optional<JsonNode> valueLabels) {

    /** A text in both languages of the platform. */
    public record Text(String es, String en) {
    }

    public record Category(String code, Text name) {
    }

    public enum Polarity { HIGHER_IS_BETTER, LOWER_IS_BETTER }

    /** Computed by Brújula from its data, or imported from files (CSV/JSON). */
    public enum Method { COMPUTED, IMPORTED }
}
