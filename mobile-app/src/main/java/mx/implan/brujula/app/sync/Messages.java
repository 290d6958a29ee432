package mx.implan.brujula.app.sync;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/** User-facing texts of the sync engine (status line) in the language the user chose for the server's messages: Spanish by default, English for {@code en}. */
final class Messages {

    private static final String BUNDLE = "mx.implan.brujula.app.sync.messages";

    private Messages() {
    }

    static String text(Locale language, String key, Object... args) {
        Locale locale = "en".equals(language.getLanguage()) ? Locale.ENGLISH : Locale.ROOT;
        ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        String pattern = bundle.getString(key);
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
    }
}
