package mx.implan.brujula.app.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mx.implan.brujula.model.sync.FieldError;

/**
 * An error answer as read from an RFC 9457 {@code application/problem+json} body. When the body is not a
 * problem document (a proxy's HTML page, an empty 502) the HTTP status still holds and {@code code} is
 * {@code HTTP_<status>}, so callers can always branch on status and code.
 *
 * @param status  HTTP status of the response (the body's {@code status} member is only informative)
 * @param code    the server's stable machine code, e.g. {@code INVALID_CREDENTIALS}
 * @param detail  human-readable explanation, in the language asked with {@code Accept-Language}
 * @param errors  field errors of a validation problem; empty otherwise
 * @param members extension members such as {@code maxItems} or {@code minClientVersion}
 */
public record Problem(int status, String type, String title, String code, String detail, String instance,
                      List<FieldError> errors, Map<String, JsonNode> members) {

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
        members = members == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(members));
    }

    /** An extension member, e.g. {@code member("maxItems")}. */
    public Optional<JsonNode> member(String name) {
        return Optional.ofNullable(members.get(name));
    }
}
