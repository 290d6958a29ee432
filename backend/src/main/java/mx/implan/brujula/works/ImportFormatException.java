package mx.implan.brujula.works;

import mx.implan.brujula.http.ApiProblem;
import mx.implan.brujula.http.ProblemMessages;

import java.util.Locale;

/**
 * The file as a whole cannot be imported (not CSV/GeoJSON, missing required columns, broken
 * quoting). Raised before anything is written. Distinct from bad rows, which are reported and skipped.
 */
public class ImportFormatException extends RuntimeException {

    private final String code;
    private final Object[] args;

    public ImportFormatException(String code, String fallback, Object... args) {
        super(fallback, null, false, false);
        this.code = code;
        this.args = args.clone();
    }

    public String code() {
        return code;
    }

    public String message(Locale locale) {
        return ProblemMessages.detail(code, locale, getMessage(), args);
    }

    public ApiProblem toProblem() {
        return ApiProblem.badRequest(code, getMessage(), args);
    }
}
