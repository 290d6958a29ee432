package mx.implan.brujula.works;

import mx.implan.brujula.model.sync.FieldError;
import mx.implan.brujula.http.ProblemMessages;

import java.util.Arrays;
import java.util.Locale;

/**
 * One thing wrong with one field of a work. Kept as code + arguments so the same report reads in
 * Spanish (default) or English: the text comes from the {@code field.CODE} key of the problems bundle.
 */
public record Issue(String field, String code, String fallback, Object... args) {

    public Issue {
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
        return o instanceof Issue other && field.equals(other.field) && code.equals(other.code)
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
