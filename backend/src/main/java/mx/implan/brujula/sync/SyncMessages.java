package mx.implan.brujula.sync;

import mx.implan.brujula.http.ProblemMessages;

import java.util.Locale;

/** Per-item rejection messages, from the same localized bundle as problem details. */
final class SyncMessages {

    private SyncMessages() {
    }

    static String text(String code, Locale locale, Object... args) {
        return ProblemMessages.detail(code, locale, code, args);
    }
}
