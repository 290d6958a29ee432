package mx.implan.brujula.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import mx.implan.brujula.model.json.NotUtf8Exception;
import mx.implan.brujula.model.json.NulCharacterException;
import mx.implan.brujula.model.json.WireJson;
import mx.implan.brujula.model.sync.FieldError;

import java.math.BigInteger;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns what Jackson throws while reading a request body into a problem: the field by its JSON
 * path ({@code items[3].geometry}), the reason in the caller's language, a stable code — and never
 * Jackson's own message, which names Java classes and library settings.
 *
 * <p>Jackson gives no type for two refusals (a key given twice, content after the value); they are
 * recognised by the start of its message, which {@code JsonProblemsTest} pins to the version in use.
 */
public final class JsonProblems {

    static final String DUPLICATE_PREFIX = "Duplicate field";
    static final String TRAILING_PREFIX = "Trailing token";
    private static final Pattern ALLOWED = Pattern.compile("maximum allowed \\((\\d{1,18})");

    private JsonProblems() {
    }

    /** The problem for a body Jackson could not read; messages in {@code locale}. */
    public static ApiProblem of(JsonProcessingException e, Locale locale) {
        if (e instanceof JsonMappingException mapping && !(e instanceof MismatchedInputException)
                && mapping.getCause() instanceof JsonProcessingException parser) {
            // A parser refusal that databind wrapped on its way up, with the path it had reached.
            return parser instanceof InputCoercionException
                    ? invalidValue(path(mapping), "NUMBER_RANGE", locale, "The number is out of range")
                    : of(parser, locale);
        }
        if (e instanceof NotUtf8Exception) {
            return ApiProblem.badRequest("JSON_NOT_UTF8", "The body must be JSON in UTF-8 without a byte order mark");
        }
        if (e instanceof StreamConstraintsException limit) {
            return tooComplex(limit);
        }
        if (e instanceof InputCoercionException range) {
            return invalidValue(pathOf(range.getProcessor()), "NUMBER_RANGE", locale, "The number is out of range");
        }
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (message.startsWith(DUPLICATE_PREFIX)) {
            String path = pathOf(e.getProcessor());
            return new ApiProblem(400, "DUPLICATE_KEY", "Bad Request", "The key {0} appears twice in one object",
                    List.of(new FieldError(path, "DUPLICATE_KEY",
                            ProblemMessages.detail("field.DUPLICATE_KEY", locale, "Given twice"))), path);
        }
        if (e instanceof MismatchedInputException mismatch && !message.startsWith(TRAILING_PREFIX)) {
            return mismatch(mismatch, locale);
        }
        if (e instanceof JsonMappingException mapping && !(e instanceof MismatchedInputException)) {
            // Not about the input's shape: a value a constructor refused.
            return invalidValue(path(mapping), "INVALID_VALUE", locale, "Invalid value");
        }
        JsonLocation at = e.getLocation();
        return new ApiProblem(400, "MALFORMED_JSON", "Bad Request", "The body is not well-formed JSON (line {0}, column {1})",
                at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr());
    }

    private static ApiProblem mismatch(MismatchedInputException e, Locale locale) {
        String path = path(e);
        Class<?> target = e.getTargetType();
        if (e instanceof NulCharacterException) {
            return invalidValue(path, "INVALID_CHARACTER", locale, "Contains a NUL character (U+0000)");
        }
        if (e instanceof InvalidFormatException && target != null) {
            if (target.isEnum()) {
                String allowed = Arrays.stream(target.getEnumConstants()).map(c -> ((Enum<?>) c).name())
                        .collect(Collectors.joining(", "));
                return invalidValue(path, "INVALID_ENUM", locale, "Allowed values: " + allowed, allowed);
            }
            if (UUID.class.equals(target)) {
                return invalidValue(path, "INVALID_UUID", locale, "Must be a UUID");
            }
            if (Temporal.class.isAssignableFrom(target)) {
                return invalidValue(path, "INVALID_DATETIME", locale, "Must be an ISO-8601 date-time with offset");
            }
        }
        String kind = expected(target);
        String reason = ProblemMessages.detail("json.expected." + kind, locale, "Must be of type " + kind.toLowerCase(Locale.ROOT));
        if (path.isEmpty()) {
            return body(reason);
        }
        return new ApiProblem(400, "INVALID_TYPE", "Bad Request", "A field has the wrong JSON type: {0}",
                List.of(new FieldError(path, "INVALID_TYPE", reason)), path);
    }

    /** TEXT, BOOLEAN, INTEGER, NUMBER, ARRAY or OBJECT: what a value of this Java type is on the wire. */
    static String expected(Class<?> target) {
        if (target == null) {
            return "OBJECT";
        }
        if (ArrayNode.class.isAssignableFrom(target) || target.isArray() || Collection.class.isAssignableFrom(target)) {
            return "ARRAY";
        }
        if (CharSequence.class.isAssignableFrom(target) || target == char.class || target == Character.class
                || target == UUID.class || Temporal.class.isAssignableFrom(target) || target.isEnum()) {
            return "TEXT";
        }
        if (target == boolean.class || target == Boolean.class) {
            return "BOOLEAN";
        }
        if (target == int.class || target == long.class || target == short.class || target == byte.class
                || target == Integer.class || target == Long.class || target == Short.class || target == Byte.class
                || target == BigInteger.class) {
            return "INTEGER";
        }
        if (target == double.class || target == float.class || Number.class.isAssignableFrom(target)) {
            return "NUMBER";
        }
        return "OBJECT";
    }

    private static ApiProblem tooComplex(StreamConstraintsException e) {
        // Which limit was hit is only said in Jackson's message: read here, never shown.
        String message = String.valueOf(e.getOriginalMessage()).toLowerCase(Locale.ROOT);
        String limit;
        long value;
        if (message.contains("nesting depth")) {
            limit = "maxNestingDepth";
            value = WireJson.MAX_NESTING_DEPTH;
        } else if (message.contains("number value length")) {
            limit = "maxNumberLength";
            value = WireJson.MAX_NUMBER_LENGTH;
        } else if (message.contains("name length")) {
            limit = "maxNameLength";
            value = WireJson.MAX_NAME_LENGTH;
        } else {
            limit = "maxStringLength";
            value = StreamReadConstraints.defaults().getMaxStringLength();
        }
        // The mapper that read may have other bounds than the request bodies' (device input keeps Jackson's).
        Matcher allowed = ALLOWED.matcher(message);
        if (allowed.find()) {
            value = Long.parseLong(allowed.group(1));
        }
        return new ApiProblem(400, "JSON_TOO_COMPLEX", "Bad Request", "The JSON exceeds a limit ({0})",
                limit + " = " + value).with(limit, value);
    }

    /** The JSON type is right but the value cannot be taken (a NUL character, an unknown enum value…). */
    private static ApiProblem invalidValue(String path, String code, Locale locale, String fallback, Object... args) {
        String reason = ProblemMessages.detail("field." + code, locale, fallback, args);
        return path.isEmpty() ? body(reason) : new ApiProblem(400, "INVALID_VALUE", "Bad Request",
                "A value in the request cannot be used", List.of(new FieldError(path, code, reason)));
    }

    /** 400 {@code INVALID_BODY}: the endpoint needs a JSON object and got no body (or {@code null}). */
    public static ApiProblem objectRequired(Locale locale) {
        return body(ProblemMessages.detail("json.expected.OBJECT", locale, "Must be an object"));
    }

    /** The body as a whole is not what the endpoint reads (e.g. a list where an object belongs). */
    private static ApiProblem body(String reason) {
        return ApiProblem.badRequest("INVALID_BODY", "The body does not have the expected shape: {0}", reason);
    }

    /** {@code items[3].geometry.coordinates[1]} from a databind path; empty for the body itself. */
    static String path(JsonMappingException e) {
        String path = JsonPaths.of(e);
        return "$".equals(path) ? "" : path;
    }

    /** The same path from the parser's position, for errors raised below databind. */
    static String pathOf(Object processor) {
        if (!(processor instanceof JsonParser parser)) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (JsonStreamContext c = parser.getParsingContext(); c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) {
                parts.add(c.getCurrentName());
            } else if (c.inArray()) {
                parts.add("[" + Math.max(c.getCurrentIndex(), 0) + "]");
            }
        }
        Collections.reverse(parts);
        StringBuilder path = new StringBuilder();
        for (String part : parts) {
            if (!path.isEmpty() && !part.startsWith("[")) {
                path.append('.');
            }
            path.append(part);
        }
        return path.toString();
    }
}
