package mx.implan.brujula.app.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import mx.implan.brujula.model.sync.FieldError;

/**
 * Reads error answers. Tolerant on purpose: an error may come from a proxy or load balancer rather than from
 * the backend, and a parse failure must never hide the HTTP status the caller needs to decide what to do.
 */
final class ProblemParser {

    private static final Set<String> STANDARD = Set.of("type", "title", "status", "detail", "instance", "code", "errors");
    private static final int MAX_TEXT = 300;

    private final ObjectMapper reader;

    ProblemParser(ObjectMapper reader) {
        this.reader = reader;
    }

    Problem parse(Reply reply) {
        JsonNode root = tree(reply.body());
        if (root == null || !root.isObject()) {
            return fallback(reply);
        }
        List<FieldError> errors = new ArrayList<>();
        JsonNode list = root.get("errors");
        if (list != null && list.isArray()) {
            for (JsonNode e : list) {
                if (e.isObject()) {
                    errors.add(new FieldError(text(e, "field"), text(e, "code"), text(e, "message")));
                }
            }
        }
        Map<String, JsonNode> members = new LinkedHashMap<>();
        root.fields().forEachRemaining(f -> {
            if (!STANDARD.contains(f.getKey())) {
                members.put(f.getKey(), f.getValue());
            }
        });
        String code = text(root, "code");
        return new Problem(reply.status(), text(root, "type"), text(root, "title"),
                code == null || code.isBlank() ? fallbackCode(reply.status()) : code,
                text(root, "detail"), text(root, "instance"), errors, members);
    }

    private JsonNode tree(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return reader.readTree(body);
        } catch (IOException notJson) {
            return null;
        }
    }

    private static Problem fallback(Reply reply) {
        // Keep a short excerpt of whatever came back: it is what a support person needs to see.
        String body = reply.body() == null ? "" : new String(reply.body(), StandardCharsets.UTF_8).strip();
        if (body.length() > MAX_TEXT) {
            body = body.substring(0, MAX_TEXT) + "…";
        }
        return new Problem(reply.status(), null, null, fallbackCode(reply.status()),
                body.isEmpty() ? null : body, null, List.of(), Map.of());
    }

    private static String fallbackCode(int status) {
        return "HTTP_" + status;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.isValueNode() ? value.asText() : value.toString();
    }
}
