package mx.implan.brujula.model.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class MessagesTest {

    @Test
    void spanishIsTheDefaultAndEnglishIsSupported() {
        assertThat(Messages.text("LAT_RANGE", Locale.forLanguageTag("es"), "95"))
                .isEqualTo("La latitud debe estar entre -90 y 90 (recibido 95).");
        assertThat(Messages.text("LAT_RANGE", Locale.forLanguageTag("en-GB"), "95"))
                .isEqualTo("Latitude must be between -90 and 90 (received 95).");
        assertThat(Messages.text("LAT_RANGE", Locale.FRENCH, "95")).startsWith("La latitud");
        assertThat(Messages.text("LAT_RANGE", null, "95")).startsWith("La latitud");
    }

    @Test
    void jvmDefaultLocaleDoesNotLeakIn() {
        Locale previous = Locale.getDefault();
        try {
            Locale.setDefault(Locale.ENGLISH);
            assertThat(Messages.text("REQUIRED", Messages.SPANISH)).isEqualTo("Este campo es obligatorio.");
        } finally {
            Locale.setDefault(previous);
        }
    }

    @Test
    void unknownCodeFallsBackToTheCode() {
        assertThat(Messages.text("SOMETHING_ELSE", Locale.ENGLISH)).isEqualTo("SOMETHING_ELSE");
    }

    @Test
    void everyCodeHasATextInBothLanguages() throws Exception {
        Properties es = load("validation_messages.properties");
        Properties en = load("validation_messages_en.properties");
        List<String> codes = Arrays.stream(ValidationCodes.class.getFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()))
                .map(MessagesTest::value).toList();
        assertThat(codes).hasSizeGreaterThan(20);
        assertThat(es.stringPropertyNames()).containsAll(codes).isEqualTo(en.stringPropertyNames());
    }

    @Test
    void otherBundlesFollowTheSameLanguageRules() {
        Messages own = Messages.of(Messages.VALIDATION_BUNDLE, getClass().getClassLoader());
        assertThat(own.format("TOO_LONG", Locale.ENGLISH, 100, 101)).isEqualTo("The text has 101 characters; the maximum is 100.");
        assertThat(own.has("TOO_LONG")).isTrue();
    }

    private static Properties load(String name) throws Exception {
        Properties p = new Properties();
        try (var in = Messages.class.getResourceAsStream(name)) {
            p.load(in);
        }
        return p;
    }

    private static String value(Field f) {
        try {
            return (String) f.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
