package mx.implan.brujula.model.hash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import mx.implan.brujula.model.geojson.GeoJson;
import mx.implan.brujula.model.json.WireJson;
import mx.implan.brujula.model.observation.Observation;
import mx.implan.brujula.model.observation.PhotoRef;

/**
 * Hash of the content a device owns: SHA-256 (lowercase hex) of the RFC 8785 canonical JSON of
 * {@code {kind, geometry, accuracyM, capturedAt, notes, attributes, photos}}. Identity, revisions, ids of writes,
 * device id and everything the server stamps are left out, so equal content hashes equally on both sides.
 * <ul>
 *   <li>Instants ({@code capturedAt}, photo {@code takenAt}) are written as UTC {@code Instant} strings truncated
 *   to microseconds: the offset a device used, and digits PostgreSQL would drop, never change the hash.</li>
 *   <li>Photos are sorted by sha256 (ties by their canonical form); nulls (top level, inside attributes and photos) are omitted.</li>
 * </ul>
 */
public final class ContentHash {

    /** The observation fields that make up the hashed content. */
    public static final List<String> FIELDS =
            List.of("kind", "geometry", "accuracyM", "capturedAt", "notes", "attributes", "photos");

    private static final ObjectMapper MAPPER = WireJson.strict();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ContentHash() {
    }

    /** @throws IllegalArgumentException for non-finite numbers (validate first: such items are rejected anyway) */
    public static String of(Observation o) {
        return sha256Hex(canonicalJson(o));
    }

    /** The exact text that is hashed (useful when two sides disagree). */
    public static String canonicalJson(Observation o) {
        return Jcs.canonicalize(content(o));
    }

    /** The hashed content as a tree. */
    public static ObjectNode content(Observation o) {
        ObjectNode c = NODES.objectNode();
        if (o.kind() != null) {
            c.put("kind", o.kind().name());
        }
        if (o.geometry() != null) {
            c.set("geometry", GeoJson.write(o.geometry()));
        }
        if (o.accuracyM() != null) {
            c.put("accuracyM", o.accuracyM());
        }
        if (o.capturedAt() != null) {
            c.put("capturedAt", instant(o.capturedAt()));
        }
        if (o.notes() != null) {
            c.put("notes", o.notes());
        }
        if (o.attributes() != null) {
            ObjectNode attributes = c.putObject("attributes");
            for (Map.Entry<String, Object> e : o.attributes().entrySet()) {
                if (e.getValue() != null) {
                    attributes.set(e.getKey(), withoutNulls(MAPPER.valueToTree(e.getValue())));
                }
            }
        }
        if (o.photos() != null) {
            ArrayNode photos = c.putArray("photos");
            // By hash, then by the whole canonical entry so that even duplicate hashes sort deterministically.
            o.photos().stream()
                    .map(ContentHash::photo)
                    .sorted(Comparator.comparing((ObjectNode p) -> p.path("sha256").asText(""))
                            .thenComparing(Jcs::canonicalize))
                    .forEach(photos::add);
        }
        return c;
    }

    private static ObjectNode photo(PhotoRef p) {
        ObjectNode n = NODES.objectNode();
        if (p == null) {
            return n;
        }
        if (p.sha256() != null) {
            n.put("sha256", p.sha256());
        }
        if (p.mediaType() != null) {
            n.put("mediaType", p.mediaType());
        }
        if (p.bytes() != null) {
            n.put("bytes", p.bytes());
        }
        if (p.takenAt() != null) {
            n.put("takenAt", instant(p.takenAt()));
        }
        return n;
    }

    /** UTC instant string at microsecond precision, e.g. {@code 2026-11-25T17:15:00Z}. */
    public static String instant(OffsetDateTime t) {
        return t.toInstant().truncatedTo(ChronoUnit.MICROS).toString();
    }

    private static JsonNode withoutNulls(JsonNode n) {
        if (n.isObject()) {
            ObjectNode copy = NODES.objectNode();
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                if (!e.getValue().isNull()) {
                    copy.set(e.getKey(), withoutNulls(e.getValue()));
                }
            }
            return copy;
        }
        if (n.isArray()) {
            ArrayNode copy = NODES.arrayNode();
            n.forEach(item -> copy.add(withoutNulls(item)));
            return copy;
        }
        return n;
    }

    /** Lowercase hex SHA-256 of the UTF-8 bytes. */
    public static String sha256Hex(String text) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
