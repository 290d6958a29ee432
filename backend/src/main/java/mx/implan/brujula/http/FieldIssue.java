package mx.implan.brujula.http;

import mx.implan.brujula.model.sync.FieldError;

import java.util.Arrays;
import java.util.Locale;

/**
 * One thing wrong with one field of an imported row (a work, an indicator value) or a request. Kept as code + arguments so the same report reads in
 * Spanish (default) or English: the text comes from the {@code field.CODE} key of the problems bundle.
 */
public record FieldIssue(String field, String code, String fallback, Object... args) {

    public FieldIssue {
        args = args == null ? new Object[0] : args.clone();
    }

    public String message(Locale locale) {
        return ProblemMessages.detail("field." + code, locale, fallback, args);
    }

    public FieldError toFieldError(Locale locale) {
        return new FieldError(field, code, message(locale));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldIssue other && field.equals(other.field) && code.equals(other.code)
                && Arrays.equals(args, other.args);
    }

    @Override
    public int hashCode() {
        return 31 * field.hashCode() + code.hashCode();
    }

    @Override
    public String toString() {
        return field + ": " + code + " " + Arrays.toString(args);
    }
}
