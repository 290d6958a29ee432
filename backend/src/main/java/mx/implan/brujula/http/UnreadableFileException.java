package mx.implan.brujula.http;


import java.util.Locale;

/**
 * An uploaded file as a whole cannot be imported (not CSV/GeoJSON/JSON, not UTF-8, missing required
 * columns, broken quoting). Raised before anything is written. Distinct from bad rows, which are reported and skipped.
 */
public class UnreadableFileException extends RuntimeException {

    private final String code;
    private final Object[] args;

    public UnreadableFileException(String code, String fallback, Object... args) {
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
