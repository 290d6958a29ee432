package mx.implan.brujula.model.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;

import java.io.IOException;

/**
 * Strings without U+0000: no field of the wire format has one, PostgreSQL can store it in neither
 * text nor jsonb, and C libraries cut a string (a password, say) at it.
 */
final class NoNulStrings extends StringDeserializer {

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        String value = super.deserialize(p, ctxt);
        if (value != null && value.indexOf('\u0000') >= 0) {
            throw new NulCharacterException(p);
        }
        return value;
    }
}
