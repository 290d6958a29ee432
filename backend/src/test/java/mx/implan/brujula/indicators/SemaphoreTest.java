package mx.implan.brujula.indicators;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The semáforo rule at its edges, with the default 10 % tolerance. */
class SemaphoreTest {

    private static Indicator indicator(Indicator.Polarity polarity, String target) {
        Indicator.Text t = new Indicator.Text("x", "x");
        return new Indicator("X", new Indicator.Category("C", t), t, t, t, "s", PeriodType.YEAR, Optional.ofNullable(polarity),
                Optional.ofNullable(target).map(BigDecimal::new), Optional.empty(), BigDecimal.ONE, Indicator.Method.COMPUTED,
                List.of(), List.of(), Optional.empty());
    }

    private static Optional<Semaphore> of(String value, Indicator i) {
        return Semaphore.of(new BigDecimal(value), i, 0.10);
    }

    @Test
    void higherIsBetterIsGreenFromTheTargetYellowWithinTenPerCentBelowRedFurther() {
        Indicator share = indicator(Indicator.Polarity.HIGHER_IS_BETTER, "90");
        assertThat(of("95", share)).contains(Semaphore.GREEN);
        assertThat(of("90", share)).contains(Semaphore.GREEN);
        assertThat(of("81", share)).contains(Semaphore.YELLOW);
        assertThat(of("80.99", share)).contains(Semaphore.RED);
    }

    @Test
    void lowerIsBetterIsGreenUpToTheTargetYellowWithinTenPerCentAboveRedFurther() {
        Indicator days = indicator(Indicator.Polarity.LOWER_IS_BETTER, "15");
        assertThat(of("15", days)).contains(Semaphore.GREEN);
        assertThat(of("16.5", days)).contains(Semaphore.YELLOW);
        assertThat(of("16.51", days)).contains(Semaphore.RED);
        Indicator none = indicator(Indicator.Polarity.LOWER_IS_BETTER, "0");
        assertThat(of("0", none)).contains(Semaphore.GREEN);
        assertThat(of("1", none)).contains(Semaphore.RED);
    }

    @Test
    void withoutTargetPolarityOrValueThereIsNoColour() {
        assertThat(of("5", indicator(Indicator.Polarity.HIGHER_IS_BETTER, null))).isEmpty();
        assertThat(of("5", indicator(null, null))).isEmpty();
        assertThat(Semaphore.of(null, indicator(Indicator.Polarity.HIGHER_IS_BETTER, "9"), 0.1)).isEmpty();
    }
}
