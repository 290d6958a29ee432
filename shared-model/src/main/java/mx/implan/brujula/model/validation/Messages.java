package mx.implan.brujula.model.validation;

import java.text.MessageFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.ResourceBundle;

/**
 * Localized texts keyed by code. Spanish is the default (base bundle); English is the other supported
 * language. The JVM's default locale is never consulted, so a server running in English still answers
 * Spanish to a Spanish caller.
 */
public final class Messages {

    public static final Locale SPANISH = Locale.forLanguageTag("es");
    public static final Locale ENGLISH = Locale.ENGLISH;
    public static final List<Locale> SUPPORTED = List.of(SPANISH, ENGLISH);
    /** Base name of this module's bundle ({@code validation_messages.properties}, {@code _en}). */
    public static final String VALIDATION_BUNDLE = "mx.implan.brujula.model.validation.validation_messages";

    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
    private static final Messages VALIDATION = new Messages(VALIDATION_BUNDLE, Messages.class.getClassLoader());

    private final String baseName;
    private final ClassLoader loader;

    private Messages(String baseName, ClassLoader loader) {
        this.baseName = baseName;
        this.loader = loader;
    }

    /** Messages of another bundle with the same language rules (e.g. the backend's problem codes). */
    public static Messages of(String baseName, ClassLoader loader) {
        return new Messages(Objects.requireNonNull(baseName), Objects.requireNonNull(loader));
    }

    /** Text of a validation code in the caller's language; the code itself when the bundle lacks it. */
    public static String text(String code, Locale locale, Object... args) {
        return VALIDATION.format(code, locale, args);
    }

    /** Whether this module's bundle has a text for {@code key}. */
    public static boolean hasText(String key) {
        return VALIDATION.has(key);
    }

    /** English for "en…", Spanish for everything else (including null). */
    public static Locale supported(Locale locale) {
        return locale != null && locale.getLanguage().equals("en") ? ENGLISH : SPANISH;
    }

    /** Whether the bundle has a text for {@code key}. */
    public boolean has(String key) {
        return bundle(SPANISH).containsKey(key);
    }

    /** MessageFormat pattern of {@code key} filled with {@code args}; the key itself when missing. */
    public String format(String key, Locale locale, Object... args) {
        Locale lang = supported(locale);
        ResourceBundle bundle = bundle(lang);
        if (!bundle.containsKey(key)) {
            return args == null || args.length == 0 ? key : key + " " + Arrays.toString(args);
        }
        return new MessageFormat(bundle.getString(key), lang).format(args == null ? new Object[0] : args);
    }

    private ResourceBundle bundle(Locale lang) {
        try {
            return ResourceBundle.getBundle(baseName, lang, loader, NO_FALLBACK);
        } catch (MissingResourceException e) {
            throw new IllegalStateException("message bundle " + baseName + " is missing", e);
        }
    }
}
