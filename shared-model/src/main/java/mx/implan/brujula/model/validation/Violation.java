package mx.implan.brujula.model.validation;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import mx.implan.brujula.model.FieldPath;
import mx.implan.brujula.model.sync.FieldError;

/**
 * One structural problem: where ({@code field}, e.g. {@code geometry.coordinates[1]}), what ({@code code},
 * see {@link ValidationCodes}) and the values that go into its message. {@code variant} refines the message
 * only (e.g. INVALID_TYPE/"integer"), never the code. Messages are rendered on demand in the caller's language.
 */
public record Violation(String field, String code, String variant, List<String> args) {

    public Violation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(code, "code");
        args = args == null ? List.of() : List.copyOf(args);
    }

    public static Violation of(String field, String code, Object... args) {
        return new Violation(field, code, null, strings(args));
    }

    public static Violation ofVariant(String field, String code, String variant, Object... args) {
        return new Violation(field, code, variant, strings(args));
    }

    private static List<String> strings(Object... args) {
        return Arrays.stream(args).map(String::valueOf).toList();
    }

    /** The message in {@code locale} (Spanish unless English is asked for). */
    public String message(Locale locale) {
        Object[] values = args.toArray();
        String key = variant != null && Messages.hasText(code + "." + variant) ? code + "." + variant : code;
        return Messages.text(key, locale, values);
    }

    public String messageEs() {
        return message(Messages.SPANISH);
    }

    public String messageEn() {
        return message(Messages.ENGLISH);
    }

    /** The same violation inside an enclosing object, e.g. {@code under("items[3]")}. */
    public Violation under(String prefix) {
        return new Violation(FieldPath.join(prefix, field), code, variant, args);
    }

    public FieldError toFieldError(Locale locale) {
        return new FieldError(field, code, message(locale));
    }
}
