package mx.implan.brujula.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import mx.implan.brujula.model.json.WireJson;

import java.lang.reflect.Type;
import java.util.function.BiFunction;

/**
 * Reads a request body the way device input is read ({@link WireJson#strict()}): NaN and Infinity
 * tokens are kept as numbers for the observation validator to report per item ({@code NOT_FINITE}),
 * where every other endpoint refuses them as malformed JSON. For endpoints that take an
 * observation item: {@code @CustomDeserialization(DeviceInput.class)}.
 */
public class DeviceInput implements BiFunction<ObjectMapper, Type, ObjectReader> {

    private static final ObjectMapper DEVICE = WireJson.strict();

    @Override
    public ObjectReader apply(ObjectMapper restMapper, Type type) {
        return DEVICE.readerFor(DEVICE.constructType(type));
    }
}
