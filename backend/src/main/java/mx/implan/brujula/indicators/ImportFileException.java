package mx.implan.brujula.indicators;

import mx.implan.brujula.http.ApiProblem;
import mx.implan.brujula.http.ProblemMessages;

import java.util.Locale;

/** The file as a whole cannot be imported (empty, unreadable, missing columns): nothing is written. */
public class ImportFileException extends RuntimeException {

    private final String code;
    private final Object[] args;

    public ImportFileException(String code, String fallback, Object... args) {
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
