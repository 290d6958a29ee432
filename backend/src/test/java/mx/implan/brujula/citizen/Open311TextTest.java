package mx.implan.brujula.citizen;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** Open311's texts exist in both languages, parse as messages and cover every service. */
class Open311TextTest {

    private static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Open311TextTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void everySpanishTextHasAnEnglishOneAndBackAndEachParses() throws IOException {
        Properties es = load("open311.properties");
        Properties en = load("open311_en.properties");
        assertThat(en.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(es.stringPropertyNames());
        for (String key : es.stringPropertyNames()) {
            new MessageFormat(es.getProperty(key));
            new MessageFormat(en.getProperty(key));
        }
    }

    @Test
    void everyServiceIsNamedAndDescribedInBothLanguages() {
        for (ServiceCatalogue.Service s : ServiceCatalogue.all()) {
            assertThat(s.name(Locale.forLanguageTag("es"))).isNotBlank().isNotEqualTo(s.name(Locale.ENGLISH));
            assertThat(s.description(Locale.ENGLISH)).isNotBlank();
            assertThat(s.group(Locale.ENGLISH)).isNotBlank();
        }
    }

    @Test
    void numbersAreWrittenWithoutGroupingAndApostrophesSurvive() {
        Open311Text en = new Open311Text(Locale.ENGLISH);
        assertThat(en.get("error.bodyTooLarge", 67108864L)).isEqualTo("The request exceeds the limit of 67108864 bytes");
        assertThat(en.get("error.range", "lat", -90.0, 90.0)).isEqualTo("lat must be between -90 and 90");
        assertThat(en.get("definition.observationId.description")).isEqualTo("The report's id in the app");
        assertThat(new Open311Text(Locale.forLanguageTag("es")).get("error.bodyTooLarge", 1024))
                .isEqualTo("La solicitud excede el límite de 1024 bytes");
    }
}
