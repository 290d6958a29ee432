package mx.implan.brujula.http;

import mx.implan.brujula.model.sync.FieldError;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An error the API answers with an RFC 9457 problem document. Every 4xx the backend produces is
 * one of these, so clients branch on the stable {@link #code()} rather than on text. The
 * {@code detail} is looked up by code in the {@code problems} bundle in the caller's language,
 * formatted with {@link #args()}; the English text given here is the fallback.
 */
public class ApiProblem extends RuntimeException {

    private final int status;
    private final String code;
    private final String title;
    private final Object[] args;
    private final List<FieldError> errors;
    private final Map<String, Object> extensions = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();

    public ApiProblem(int status, String code, String title, String fallbackDetail, Object... args) {
        this(status, code, title, fallbackDetail, List.of(), args);
    }

    public ApiProblem(int status, String code, String title, String fallbackDetail, List<FieldError> errors, Object... args) {
        super(fallbackDetail, null, false, false);
        this.status = status;
        this.code = code;
        this.title = title;
        this.args = args == null ? new Object[0] : args.clone();
        this.errors = List.copyOf(errors);
    }

    public static ApiProblem badRequest(String code, String fallbackDetail, Object... args) {
        return new ApiProblem(400, code, "Bad Request", fallbackDetail, args);
    }

    public static ApiProblem invalidParameter(String field, String code, String message) {
        return new ApiProblem(400, "INVALID_PARAMETER", "Bad Request", "Invalid query parameter " + field,
                List.of(new FieldError(field, code, message)), field);
    }

    public static ApiProblem notFound(String code, String fallbackDetail, Object... args) {
        return new ApiProblem(404, code, "Not Found", fallbackDetail, args);
    }

    public static ApiProblem forbidden(String code, String fallbackDetail, Object... args) {
        return new ApiProblem(403, code, "Forbidden", fallbackDetail, args);
    }

    public static ApiProblem conflict(String code, String fallbackDetail, Object... args) {
        return new ApiProblem(409, code, "Conflict", fallbackDetail, args);
    }

    /** 413: a body over {@code limit} (named in the detail and as an extension member), e.g. {@code maxBytes}. */
    public static ApiProblem tooLarge(String limit, long value) {
        return new ApiProblem(413, "PAYLOAD_TOO_LARGE", "Content Too Large", "The request exceeds the limit ({0})",
                limit + " = " + value).with(limit, value);
    }

    public static ApiProblem validation(List<FieldError> errors) {
        return new ApiProblem(422, "VALIDATION_FAILED", "Unprocessable Content", "The request has invalid fields", errors);
    }

    /** Adds a problem extension member (e.g. {@code maxBytes}) to the body. */
    public ApiProblem with(String name, Object value) {
        extensions.put(name, value);
        return this;
    }

    /** Adds a response header (e.g. {@code Retry-After}). */
    public ApiProblem header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public int status() { return status; }

    public String code() { return code; }

    public String title() { return title; }

    public Object[] args() { return args.clone(); }

    public List<FieldError> errors() { return errors; }

    public Map<String, Object> extensions() { return extensions; }

    public Map<String, String> headers() { return headers; }
}
