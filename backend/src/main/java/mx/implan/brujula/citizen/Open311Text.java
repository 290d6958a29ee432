package mx.implan.brujula.citizen;

import mx.implan.brujula.http.RequestLocale;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * Open311's texts in the caller's language, from the {@code open311} bundles (Spanish default,
 * English), by the same mechanism as the {@code problems} bundles.
 */
public record Open311Text(Locale locale) {

    private static final String BUNDLE = "open311";

    /** The language of an Open311 request: {@code ?lang=} first (as GeoReport clients set it), else {@code Accept-Language}. */
    public static Open311Text of(String langParameter, String acceptLanguage) {
        return new Open311Text(RequestLocale.from(langParameter != null && !langParameter.isBlank() ? langParameter : acceptLanguage));
    }

    /**
     * The text of {@code key} with its arguments. Numbers are written plainly (no grouping), as
     * identifiers and limits are quoted in the descriptions.
     */
    public String get(String key, Object... args) {
        Object[] plain = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            plain[i] = args[i] instanceof Number n ? plain(n) : args[i];
        }
        return new MessageFormat(bundle().getString(key), locale).format(plain);
    }

    /** Whether the bundle has {@code key} (texts chosen by a code, e.g. an error's). */
    public boolean has(String key) {
        return bundle().containsKey(key);
    }

    private ResourceBundle bundle() {
        return ResourceBundle.getBundle(BUNDLE, locale, ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    private static String plain(Number n) {
        double d = n.doubleValue();
        return d == Math.rint(d) && !Double.isInfinite(d) ? Long.toString(n.longValue()) : n.toString();
    }
}
