package mx.implan.brujula.indicators;

import mx.implan.brujula.http.ProblemMessages;

import java.util.Locale;

/**
 * One thing wrong with one column of an imported row, kept as code and arguments so the report
 * reads in Spanish or English ({@code field.CODE} of the problems bundle).
 */
public record RowIssue(String field, String code, String fallback, String... args) {

    public RowIssue {
        args = args == null ? new String[0] : args.clone();
    }

    public String message(Locale locale) {
        return ProblemMessages.detail("field." + code, locale, fallback, (Object[]) args);
    }
}
