package mx.implan.brujula.model.json;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;

/** The input is not JSON in UTF-8 without a byte order mark (a BOM, or UTF-16/32); see {@link WireJson}. */
public final class NotUtf8Exception extends JsonParseException {

    NotUtf8Exception() {
        super((JsonParser) null, "JSON must be UTF-8 without a byte order mark");
    }
}
