package mx.implan.brujula.citizen;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import com.fasterxml.jackson.dataformat.xml.ser.ToXmlGenerator;
import jakarta.ws.rs.core.Response;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The two GeoReport v2 representations of one document. Documents are built once as JSON trees in
 * the spec's JSON shape; XML is derived from them: the document root gets the spec's element name,
 * and every JSON array becomes a wrapper element holding one child per item ({@code formats} →
 * {@code <formats><format>…}), which is how the spec's XML nests lists.
 */
public enum Open311Format {
    JSON("application/json; charset=UTF-8"),
    XML("text/xml; charset=UTF-8");

    private static final ObjectMapper JSON_MAPPER = new ObjectMapper();
    private static final XmlMapper XML_MAPPER = (XmlMapper) new XmlMapper()
            .configure(ToXmlGenerator.Feature.WRITE_XML_DECLARATION, true);
    /** Element name of one item of each list, by the list's name. */
    private static final Map<String, String> ITEM = Map.of(
            "endpoints", "endpoint", "formats", "format", "attributes", "attribute", "values", "value",
            "services", "service", "service_requests", "request", "errors", "error",
            "service_request_updates", "request_update");

    private final String mediaType;

    Open311Format(String mediaType) {
        this.mediaType = mediaType;
    }

    /** {@code json} or {@code xml} from the path's extension; anything else is not a GeoReport format. */
    public static Open311Format of(String extension) {
        return "xml".equalsIgnoreCase(extension) ? XML : JSON;
    }

    public String mediaType() {
        return mediaType;
    }

    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    public static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    /** A list document: JSON array, or XML {@code <root><item>…</item></root>}. */
    public Response list(int status, String root, List<ObjectNode> items) {
        ArrayNode array = array();
        items.forEach(array::add);
        return Response.status(status).type(mediaType).entity(render(root, array)).build();
    }

    /** A single-object document: JSON object, or XML {@code <root>…</root>}. */
    public Response single(int status, String root, ObjectNode document) {
        return Response.status(status).type(mediaType).entity(render(root, document)).build();
    }

    public Response error(int status, String description) {
        return Response.status(status).type(mediaType).entity(errorBody(status, description)).build();
    }

    /** The spec's error document: {@code [{"code": …, "description": …}]} or {@code <errors><error>…}. */
    public String errorBody(int status, String description) {
        ObjectNode error = object();
        error.put("code", status);
        error.put("description", description);
        ArrayNode errors = array();
        errors.add(error);
        return render("errors", errors);
    }

    public String render(String root, JsonNode document) {
        try {
            if (this == JSON) {
                return JSON_MAPPER.writeValueAsString(document);
            }
            JsonNode xmlTree = document.isArray() ? wrap(root, (ArrayNode) document) : toXmlTree(document);
            return XML_MAPPER.writer().withRootName(root).writeValueAsString(xmlTree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot render " + root, e);
        }
    }

    private static ObjectNode wrap(String listName, ArrayNode items) {
        ObjectNode wrapper = object();
        ArrayNode children = wrapper.putArray(ITEM.getOrDefault(listName, "item"));
        items.forEach(item -> children.add(toXmlTree(item)));
        return wrapper;
    }

    private static JsonNode toXmlTree(JsonNode node) {
        if (!node.isObject()) {
            return node;
        }
        ObjectNode out = object();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = field.getValue();
            if (value.isArray()) {
                out.set(field.getKey(), wrap(field.getKey(), (ArrayNode) value));
            } else if (value.isObject()) {
                out.set(field.getKey(), toXmlTree(value));
            } else {
                out.set(field.getKey(), value);
            }
        }
        return out;
    }
}
