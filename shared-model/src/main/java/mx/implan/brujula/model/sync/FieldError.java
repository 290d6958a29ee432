package mx.implan.brujula.model.sync;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A validation error as sent on the wire; {@code message} is already localized for the caller. {@code incident}
 * names a server fault in the log (FAILED items), never its details.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldError(String field, String code, String message, String incident) {

    @JsonCreator
    public FieldError {
    }

    public FieldError(String field, String code, String message) {
        this(field, code, message, null);
    }
}
