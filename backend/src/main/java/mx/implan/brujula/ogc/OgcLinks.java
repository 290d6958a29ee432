package mx.implan.brujula.ogc;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** Absolute links of the OGC API, built from the request's base URI. */
public record OgcLinks(String base) {

    public static final String GEOJSON = "application/geo+json";
    public static final String JSON = "application/json";
    public static final String HTML = "text/html";
    public static final String OPENAPI = "application/vnd.oai.openapi+json;version=3.0";

    /** {@code base} is the application's base URI, ending in a slash. */
    public String ogc(String path) {
        return base + "ogc" + path;
    }

    public static void add(ArrayNode links, String href, String rel, String type, String title) {
        ObjectNode l = links.addObject();
        l.put("href", href);
        l.put("rel", rel);
        if (type != null) {
            l.put("type", type);
        }
        if (title != null) {
            l.put("title", title);
        }
    }

    /** {@code url} with the query parameters in order, each encoded. */
    public static String query(String url, List<Map.Entry<String, String>> params) {
        if (params.isEmpty()) {
            return url;
        }
        StringJoiner q = new StringJoiner("&", url + "?", "");
        params.forEach(p -> q.add(encode(p.getKey()) + "=" + encode(p.getValue())));
        return q.toString();
    }

    public static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
