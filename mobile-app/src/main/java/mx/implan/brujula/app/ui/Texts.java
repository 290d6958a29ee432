package mx.implan.brujula.app.ui;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The UI's words: {@code messages.properties} (Spanish, the base) and {@code messages_en.properties}. The JVM's
 * default locale is never a fallback, so an English desktop still shows Spanish unless English is chosen.
 */
public final class Texts {

    public static final String BUNDLE = "mx.implan.brujula.app.ui.messages";
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private final Locale locale;
    private final ResourceBundle bundle;

    public Texts(Locale locale) {
        this.locale = locale;
        this.bundle = bundle(locale);
    }

    public static ResourceBundle bundle(Locale locale) {
        Locale lang = locale.getLanguage().equals("en") ? Locale.ENGLISH : Locale.ROOT;
        return ResourceBundle.getBundle(BUNDLE, lang, Texts.class.getClassLoader(), NO_FALLBACK);
    }

    public Locale locale() {
        return locale;
    }

    /** The text of {@code key}; a missing key shows as {@code !key!} so a screenshot reveals it at once. */
    public String get(String key) {
        try {
            return bundle.getString(key);
        } catch (MissingResourceException e) {
            return "!" + key + "!";
        }
    }

    public String format(String key, Object... args) {
        return new MessageFormat(get(key), locale).format(args);
    }

    /** Label of an enum value: key {@code SimpleClassName.VALUE}, e.g. {@code Hazard.INUNDACION}. */
    public String label(Enum<?> value) {
        return get(value.getDeclaringClass().getSimpleName() + "." + value.name());
    }

    /** Label of an enum value given by name (as stored in attributes); the raw name when unknown. */
    public String label(Class<? extends Enum<?>> type, Object name) {
        String key = type.getSimpleName() + "." + name;
        return bundle.containsKey(key) ? bundle.getString(key) : String.valueOf(name);
    }

    public boolean has(String key) {
        return bundle.containsKey(key);
    }
}
