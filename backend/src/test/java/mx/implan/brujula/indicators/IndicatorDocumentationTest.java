package mx.implan.brujula.indicators;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/indicators.md documents every indicator of the catalogue and nothing else: its table has one
 * row per indicator with the catalogue's category, unit, periodicity, polarity, target, method and
 * levels, and each indicator has its own section. A change to the catalogue without the manual fails here.
 */
@QuarkusTest
class IndicatorDocumentationTest {

    private static final Path DOC = Path.of("../docs/indicators.md");

    @Inject
    IndicatorCatalogue catalogue;

    @Test
    void theManualsTableIsTheCatalogue() throws IOException {
        List<String> lines = Files.readAllLines(DOC);
        Map<String, List<String>> documented = new LinkedHashMap<>();
        for (String line : lines) {
            if (line.startsWith("| `") && line.chars().filter(c -> c == '|').count() == 9) {
                List<String> cells = new ArrayList<>();
                for (String cell : line.substring(1, line.length() - 1).split("\\|")) {
                    cells.add(cell.strip());
                }
                documented.put(cells.get(0).replace("`", ""), cells.subList(1, cells.size()));
            }
        }
        List<Indicator> indicators = catalogue.list(Optional.empty());
        assertThat(documented.keySet()).containsExactlyElementsOf(indicators.stream().map(Indicator::code).toList());
        for (Indicator i : indicators) {
            List<String> row = documented.get(i.code());
            assertThat(row).as(i.code()).containsExactly(
                    i.category().name().es(),
                    i.unit().es(),
                    i.periodicity().name(),
                    i.polarity().map(Enum::name).orElse("—"),
                    i.target().map(BigDecimal::stripTrailingZeros).map(BigDecimal::toPlainString).orElse("—"),
                    i.method().name(),
                    String.join(", ", i.levels()));
            assertThat(lines).as("a section for " + i.code()).contains("### " + i.code());
        }
    }
}
