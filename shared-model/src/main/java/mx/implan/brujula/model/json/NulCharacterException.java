package mx.implan.brujula.model.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/** A string value with U+0000 in it (refused by {@link WireJson}); Jackson attaches the field's path. */
public final class NulCharacterException extends MismatchedInputException {

    NulCharacterException(JsonParser p) {
        super(p, "A string contains U+0000", String.class);
    }
}
