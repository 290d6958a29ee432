package mx.implan.brujula.indicators;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * The semáforo of a value against its indicator's target. With tolerance {@code t}
 * ({@code brujula.indicators.semaphore-tolerance}, 0.10 by default):
 * <ul>
 *   <li>higher is better: GREEN when value ≥ target; YELLOW when value ≥ target × (1 − t); else RED;</li>
 *   <li>lower is better: GREEN when value ≤ target; YELLOW when value ≤ target × (1 + t); else RED.</li>
 * </ul>
 * A target of 0 that must be kept low has no yellow band: anything above it is red. No target, no
 * polarity or no value: no colour.
 */
public enum Semaphore {
    GREEN, YELLOW, RED;

    public static Optional<Semaphore> of(BigDecimal value, Indicator indicator, double tolerance) {
        if (value == null || indicator.target().isEmpty() || indicator.polarity().isEmpty()) {
            return Optional.empty();
        }
        BigDecimal target = indicator.target().get();
        BigDecimal t = BigDecimal.valueOf(tolerance);
        return Optional.of(switch (indicator.polarity().get()) {
            case HIGHER_IS_BETTER -> value.compareTo(target) >= 0 ? GREEN
                    : value.compareTo(target.multiply(BigDecimal.ONE.subtract(t))) >= 0 ? YELLOW : RED;
            case LOWER_IS_BETTER -> value.compareTo(target) <= 0 ? GREEN
                    : value.compareTo(target.multiply(BigDecimal.ONE.add(t))) <= 0 ? YELLOW : RED;
        });
    }
}
