package mx.implan.brujula.http;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** Localized problem details from the {@code problems} bundles (Spanish default, English). */
public final class ProblemMessages {

    private static final String BUNDLE = "problems";

    private ProblemMessages() {
    }

    public static String detail(String code, Locale locale, String fallback, Object... args) {
        try {
            ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, locale, ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
            return new MessageFormat(bundle.getString(code), locale).format(args);
        } catch (MissingResourceException unknownCode) {
            return fallback;
        }
    }
}
