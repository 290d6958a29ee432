package mx.implan.brujula.accounts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** A new account; {@code generatedPassword} is present only when the server made one, and only in this answer. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreatedUser(@JsonUnwrapped UserView user, String generatedPassword) {
}
