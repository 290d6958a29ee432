package mx.implan.brujula.model.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import mx.implan.brujula.model.geojson.GeoJsonModule;

/**
 * The Jackson set-up of the wire format. Each factory returns a new mapper: cache it, and don't reconfigure
 * a mapper shared with other code.
 */
public final class WireJson {

    private WireJson() {
    }

    /**
     * For servers reading device input: unknown fields are ignored, but unknown enum values fail (the
     * validator reports them per item before binding).
     */
    public static ObjectMapper strict() {
        ObjectMapper mapper = new ObjectMapper();
        configure(mapper);
        return mapper;
    }

    /** For readers of a possibly newer peer: unknown enum values become their default (e.g. Flag.UNKNOWN) or null. */
    public static ObjectMapper lenient() {
        ObjectMapper mapper = strict();
        makeLenient(mapper);
        return mapper;
    }

    /** Applies the wire modules and settings to an existing mapper (e.g. the Quarkus one). */
    public static void configure(ObjectMapper mapper) {
        mapper.registerModule(new JavaTimeModule());
        mapper.registerModule(new GeoJsonModule());
        // ISO-8601 strings, keeping the offset the device wrote (the device's local time is information).
        mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        mapper.disable(SerializationFeature.WRITE_DATE_TIMESTAMPS_AS_NANOSECONDS);
        mapper.disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
        mapper.disable(DeserializationFeature.READ_DATE_TIMESTAMPS_AS_NANOSECONDS);
        // A newer peer may send fields we don't know yet.
        mapper.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        // Decimals in attributes and trees keep their digits instead of going through double.
        mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        mapper.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
        // NaN/Infinity tokens must reach the validator (NOT_FINITE on that item) instead of failing the batch.
        mapper.getFactory().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS.mappedFeature());
    }

    /** Adds the lenient enum handling to an existing mapper. */
    public static void makeLenient(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE);
        mapper.enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL);
    }
}
