package mx.implan.brujula.app.journal;

import mx.implan.brujula.model.sync.FieldError;

import java.util.Locale;
import java.util.Map;

/** Field errors the journal itself raises (the rest come from shared-model's validator), Spanish first. */
final class JournalMessages {

    static final String NOT_OWNER = "NOT_OWNER";
    static final String ALREADY_REPORTED = "ALREADY_REPORTED";
    static final String PHOTO_UNREADABLE = "PHOTO_UNREADABLE";
    static final String MEDIA_TYPE = "MEDIA_TYPE";

    private static final Map<String, String[]> TEXTS = Map.of(
            NOT_OWNER, new String[]{"Esta observación la capturó otra persona; no puede editarla con su cuenta.",
                    "Another person captured this observation; it cannot be edited with your account."},
            ALREADY_REPORTED, new String[]{"El reporte ya se envió; ya no se puede modificar.",
                    "The report was already sent; it can no longer be changed."},
            PHOTO_UNREADABLE, new String[]{"No se pudo leer la foto: {0}", "The photo could not be read: {0}"},
            MEDIA_TYPE, new String[]{"La foto debe ser JPEG, PNG, WebP o HEIC.", "The photo must be JPEG, PNG, WebP or HEIC."});

    private JournalMessages() {
    }

    static FieldError error(String field, String code, Locale locale, String... args) {
        String[] texts = TEXTS.get(code);
        String text = "en".equals(locale.getLanguage()) ? texts[1] : texts[0];
        for (int i = 0; i < args.length; i++) {
            text = text.replace("{" + i + "}", args[i]);
        }
        return new FieldError(field, code, text);
    }
}
