package mx.implan.brujula.ogc;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;

/**
 * The HTML encoding of the OGC API's documents, for people browsing the service: the same content
 * as the JSON, as pages with links. Every value is escaped; the chrome is Spanish (English with
 * {@code Accept-Language: en}).
 */
final class OgcHtml {

    private final ResourceBundle text;
    private final StringBuilder out = new StringBuilder(8192);

    private OgcHtml(Locale locale) {
        this.text = ResourceBundle.getBundle("ogc", locale, ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    static String landing(JsonNode doc, Locale locale) {
        OgcHtml h = new OgcHtml(locale);
        h.open(doc.path("title").asText(), List.of());
        h.p(doc.path("description").asText());
        h.links(doc.path("links"));
        return h.close();
    }

    static String conformance(JsonNode doc, Locale locale) {
        OgcHtml h = new OgcHtml(locale);
        h.open(h.t("conformance"), List.of(Map.entry(h.t("home"), "../ogc")));
        h.out.append("<ul>");
        doc.path("conformsTo").forEach(c -> h.out.append("<li>").append(esc(c.asText())).append("</li>"));
        h.out.append("</ul>");
        return h.close();
    }

    static String collections(JsonNode doc, Locale locale) {
        OgcHtml h = new OgcHtml(locale);
        h.open(h.t("collections"), List.of(Map.entry(h.t("home"), "../ogc")));
        h.out.append("<table><thead><tr><th>").append(h.t("collection")).append("</th><th>").append(h.t("description"))
                .append("</th></tr></thead><tbody>");
        for (JsonNode c : doc.path("collections")) {
            h.out.append("<tr><td><a href=\"collections/").append(esc(c.path("id").asText())).append("?f=html\">")
                    .append(esc(c.path("title").asText())).append("</a><br><code>").append(esc(c.path("id").asText()))
                    .append("</code></td><td>").append(esc(c.path("description").asText())).append("</td></tr>");
        }
        h.out.append("</tbody></table>");
        return h.close();
    }

    static String collection(JsonNode doc, JsonNode queryables, Locale locale) {
        OgcHtml h = new OgcHtml(locale);
        h.open(doc.path("title").asText(), List.of(Map.entry(h.t("home"), "../../ogc"), Map.entry(h.t("collections"), "../collections?f=html")));
        h.p(doc.path("description").asText());
        h.out.append("<p><a href=\"").append(esc(doc.path("id").asText())).append("/items?f=html\">").append(h.t("browse"))
                .append("</a></p><h2>").append(h.t("extent")).append("</h2><p>");
        JsonNode bbox = doc.path("extent").path("spatial").path("bbox").path(0);
        h.out.append(bbox.isMissingNode() ? h.t("empty") : esc(bbox.toString())).append("</p>");
        JsonNode interval = doc.path("extent").path("temporal").path("interval").path(0);
        if (!interval.isMissingNode()) {
            h.out.append("<p>").append(esc(interval.path(0).asText("..")) + " / " + esc(interval.path(1).asText(".."))).append("</p>");
        }
        h.out.append("<h2>").append(h.t("queryables")).append("</h2><table><tbody>");
        for (Iterator<Map.Entry<String, JsonNode>> it = queryables.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> q = it.next();
            h.out.append("<tr><td><code>").append(esc(q.getKey())).append("</code></td><td>").append(esc(q.getValue().path("title").asText()))
                    .append(q.getValue().has("enum") ? "<br><small>" + esc(q.getValue().path("enum").toString()) + "</small>" : "")
                    .append("</td></tr>");
        }
        h.out.append("</tbody></table><h2>CRS</h2><ul>");
        doc.path("crs").forEach(c -> h.out.append("<li><code>").append(esc(c.asText())).append("</code></li>"));
        h.out.append("</ul>");
        h.links(doc.path("links"));
        return h.close();
    }

    static String items(OgcCollection c, JsonNode collection, Locale locale) {
        OgcHtml h = new OgcHtml(locale);
        h.open(c.title(), List.of(Map.entry(h.t("home"), "../../../ogc"), Map.entry(h.t("collections"), "../../collections?f=html"),
                Map.entry(c.title(), "../" + c.id() + "?f=html")));
        h.out.append("<p>").append(esc(h.t("matched").formatted(collection.path("numberReturned").asLong(),
                collection.path("numberMatched").asLong()))).append("</p><table><thead><tr><th>id</th><th>")
                .append(h.t("geometry")).append("</th><th>").append(h.t("properties")).append("</th></tr></thead><tbody>");
        for (JsonNode f : collection.path("features")) {
            String id = f.path("id").asText();
            h.out.append("<tr><td><a href=\"items/").append(esc(OgcLinks.encode(id))).append("?f=html\">").append(esc(id))
                    .append("</a></td><td>").append(esc(f.path("geometry").path("type").asText("—"))).append("</td><td>");
            h.properties(f.path("properties"));
            h.out.append("</td></tr>");
        }
        h.out.append("</tbody></table>");
        h.links(collection.path("links"));
        return h.close();
    }

    static String item(OgcCollection c, JsonNode feature, Locale locale) {
        OgcHtml h = new OgcHtml(locale);
        String id = feature.path("id").asText();
        h.open(c.title() + " — " + id, List.of(Map.entry(h.t("home"), "../../../../ogc"),
                Map.entry(c.title(), "../../" + c.id() + "?f=html"), Map.entry(h.t("browse"), "../items?f=html")));
        h.properties(feature.path("properties"));
        h.out.append("<h2>").append(h.t("geometry")).append("</h2><pre>").append(esc(feature.path("geometry").toString())).append("</pre>");
        return h.close();
    }

    private void properties(JsonNode props) {
        out.append("<dl>");
        for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            out.append("<dt>").append(esc(p.getKey())).append("</dt><dd>")
                    .append(esc(p.getValue().isValueNode() ? p.getValue().asText() : p.getValue().toString())).append("</dd>");
        }
        out.append("</dl>");
    }

    private void links(JsonNode links) {
        out.append("<h2>").append(t("links")).append("</h2><ul>");
        for (JsonNode l : links) {
            out.append("<li><a href=\"").append(esc(l.path("href").asText())).append("\">").append(esc(l.path("title").asText(l.path("rel").asText())))
                    .append("</a> <small>(").append(esc(l.path("rel").asText())).append(", ").append(esc(l.path("type").asText())).append(")</small></li>");
        }
        out.append("</ul>");
    }

    private void open(String title, List<Map.Entry<String, String>> crumbs) {
        out.append("<!DOCTYPE html><html lang=\"").append(t("lang")).append("\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>").append(esc(title))
                .append(" — Brújula OGC API</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:1.5rem;max-width:70rem;color:#1b1b1b}")
                .append("table{border-collapse:collapse;width:100%}td,th{border:1px solid #bbb;padding:.35rem;vertical-align:top;text-align:left}")
                .append("dl{display:grid;grid-template-columns:max-content auto;gap:.1rem .8rem;margin:0}dt{font-weight:600}dd{margin:0}")
                .append("nav a{margin-right:.6rem}a{color:#0b4f8a}</style></head><body><nav aria-label=\"")
                .append(t("breadcrumbs")).append("\">");
        crumbs.forEach(c -> out.append("<a href=\"").append(esc(c.getValue())).append("\">").append(esc(c.getKey())).append("</a> › "));
        out.append("</nav><main><h1>").append(esc(title)).append("</h1>");
    }

    private void p(String text) {
        out.append("<p>").append(esc(text)).append("</p>");
    }

    private String close() {
        return out.append("</main></body></html>").toString();
    }

    private String t(String key) {
        return text.getString(key);
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }
}
