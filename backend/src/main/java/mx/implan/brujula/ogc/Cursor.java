package mx.implan.brujula.ogc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import mx.implan.brujula.http.QueryParams;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Where a page starts: the key of the feature just before it ({@code forward}) or just after it
 * (a {@code prev} link), tagged with its collection so a cursor of another list is refused. It also
 * carries {@code numberMatched} as counted for the first page, so following the links of a large
 * result counts it once, not once per page.
 */
public record Cursor(boolean forward, List<String> key, long matched) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public String encode(OgcCollection collection) {
        ObjectNode node = JSON.createObjectNode();
        node.put("c", collection.id());
        node.put("d", forward ? "n" : "p");
        node.put("m", matched);
        ArrayNode k = node.putArray("k");
        key.forEach(k::add);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(node.toString().getBytes(StandardCharsets.UTF_8));
    }

    static Cursor decode(OgcCollection collection, String raw, Locale locale) {
        try {
            JsonNode node = JSON.readTree(Base64.getUrlDecoder().decode(raw.strip()));
            JsonNode k = node.path("k");
            if (!collection.id().equals(node.path("c").asText()) || !k.isArray() || k.size() != collection.key().size()) {
                throw invalid(locale);
            }
            List<String> key = new ArrayList<>();
            for (int i = 0; i < k.size(); i++) {
                JsonNode v = k.get(i);
                if (!v.isTextual() || !Keys.readable(collection.key().get(i), v.asText())) {
                    throw invalid(locale);
                }
                key.add(v.asText());
            }
            String d = node.path("d").asText();
            if (!d.equals("n") && !d.equals("p")) {
                throw invalid(locale);
            }
            JsonNode m = node.path("m");
            if (!m.canConvertToLong() || !m.isIntegralNumber() || m.asLong() < 0) {
                throw invalid(locale);
            }
            return new Cursor(d.equals("n"), List.copyOf(key), m.asLong());
        } catch (IOException | IllegalArgumentException e) {
            throw invalid(locale);
        }
    }

    private static RuntimeException invalid(Locale locale) {
        return QueryParams.invalid("cursor", "INVALID_CURSOR", locale, "The cursor is not valid");
    }
}
