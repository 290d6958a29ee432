package mx.implan.brujula.model.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import mx.implan.brujula.model.geojson.GeoJsonModule;

/**
 * The Jackson set-up of the wire format. Each factory returns a new mapper: cache it, and don't reconfigure
 * a mapper shared with other code.
 *
 * <p>Parsing is strict so that a client's bug shows instead of being guessed around: one JSON text
 * in UTF-8 without a byte order mark, nothing after it, no key twice in an object, no scalar
 * converted into another type ({@code 12345678901} is not a password, {@code "false"} is not a
 * boolean, {@code 1.5} is not an integer, {@code 0} is not an enum), and bounded sizes
 * ({@link #MAX_NESTING_DEPTH}, {@link #MAX_NUMBER_LENGTH}, {@link #MAX_NAME_LENGTH}). What stays lenient is what a newer peer may legitimately send: unknown fields (always) and
 * unknown enum values ({@link #lenient()}).
 */
public final class WireJson {

    /** Deepest nesting of arrays and objects in a request body ({@link #configure}); a polygon needs about ten. */
    public static final int MAX_NESTING_DEPTH = 100;
    /** Longest number literal in a request body, in characters (a double prints in at most 25). */
    public static final int MAX_NUMBER_LENGTH = 100;
    /** Longest object key in a request body, in characters. */
    public static final int MAX_NAME_LENGTH = 1_000;

    private WireJson() {
    }

    /**
     * For servers reading device input: unknown fields are ignored, but unknown enum values fail (the
     * validator reports them per item before binding). NaN and Infinity tokens are read (as doubles) so
     * that the validator reports them per item ({@code NOT_FINITE}) instead of failing a whole batch.
     */
    public static ObjectMapper strict() {
        ObjectMapper mapper = new ObjectMapper();
        wire(mapper);
        mapper.getFactory().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS.mappedFeature());
        return mapper;
    }

    /** For readers of a possibly newer peer: unknown enum values become their default (e.g. Flag.UNKNOWN) or null. */
    public static ObjectMapper lenient() {
        ObjectMapper mapper = strict();
        makeLenient(mapper);
        return mapper;
    }

    /**
     * Applies the wire modules and the strict parsing to an existing mapper that reads request bodies
     * (the REST layer's). Unlike {@link #strict()}, NaN and Infinity are not JSON here, and a string
     * with U+0000 is refused as it is bound (observation items are checked by the validator instead,
     * per item).
     */
    public static void configure(ObjectMapper mapper) {
        wire(mapper);
        mapper.registerModule(new SimpleModule("wire-strings").addDeserializer(String.class, new NoNulStrings()));
        // Device input keeps Jackson's own bounds (depth 1,000…): the validator bounds each item far below
        // them and rejects that item alone, where the parser would refuse the whole batch.
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .maxNameLength(MAX_NAME_LENGTH)
                .build());
    }

    private static void wire(ObjectMapper mapper) {
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
        strictParsing(mapper);
    }

    /** Adds the lenient enum handling to an existing mapper. */
    public static void makeLenient(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE);
        mapper.enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL);
    }

    private static void strictParsing(ObjectMapper mapper) {
        mapper.getFactory().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
        mapper.getFactory().disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS.mappedFeature());
        // Jackson would detect UTF-16/32 and skip a BOM; the wire format is UTF-8 only.
        mapper.getFactory().setInputDecorator(new Utf8Only());
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Float)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Enum)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
    }
}
