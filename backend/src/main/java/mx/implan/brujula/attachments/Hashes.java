package mx.implan.brujula.attachments;

import mx.implan.brujula.http.ApiProblem;
import mx.implan.brujula.model.sync.FieldError;
import mx.implan.brujula.http.ProblemMessages;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The one accepted spelling of a photo's key: 64 lowercase hex digits (SHA-256). Anything else never reaches storage. */
public final class Hashes {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private Hashes() {
    }

    public static boolean valid(String value) {
        return value != null && SHA256.matcher(value).matches();
    }

    /** {@code value} when valid; otherwise 400 INVALID_PARAMETER naming {@code field}. */
    public static String require(String field, String value, Locale locale) {
        if (!valid(value)) {
            String message = ProblemMessages.detail("field.SHA256_FORMAT", locale, "Must be 64 lowercase hexadecimal digits (SHA-256)");
            throw new ApiProblem(400, "INVALID_PARAMETER", "Bad Request", "Invalid parameter {0}",
                    List.of(new FieldError(field, "SHA256_FORMAT", message)), field);
        }
        return value;
    }
}
