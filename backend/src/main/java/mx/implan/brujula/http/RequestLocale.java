package mx.implan.brujula.http;

import java.util.List;
import java.util.Locale;

/** Picks the response language from {@code Accept-Language}: Spanish unless the caller prefers English. */
public final class RequestLocale {

    public static final Locale SPANISH = Locale.forLanguageTag("es");
    public static final List<Locale> SUPPORTED = List.of(SPANISH, Locale.ENGLISH);

    private RequestLocale() {
    }

    public static Locale from(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return SPANISH;
        }
        try {
            Locale best = Locale.lookup(Locale.LanguageRange.parse(acceptLanguage), SUPPORTED);
            return best == null ? SPANISH : best;
        } catch (IllegalArgumentException malformedHeader) {
            return SPANISH;
        }
    }
}
