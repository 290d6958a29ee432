package mx.implan.brujula.model.sync;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A validation error as sent on the wire; {@code message} is already localized for the caller. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldError(String field, String code, String message) {
}
