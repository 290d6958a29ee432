package mx.implan.brujula.ogc;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import mx.implan.brujula.ogc.OgcCollection.Queryable;

import java.util.List;

/** The JSON documents of OGC API – Features: landing page, conformance, collections and queryables. */
final class OgcDocuments {

    static final String CORE = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core";
    static final List<String> CONFORMANCE = List.of(
            CORE,
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
            "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs");
    static final String TRS = "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian";

    private OgcDocuments() {
    }

    static ObjectNode landing(OgcLinks links) {
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.put("title", "Brújula — SIG municipal de Hermosillo");
        doc.put("description", "Observaciones de campo (riesgos, imagen urbana, áreas verdes, avance de obra), obra pública, "
                + "zonas con población y marginación, e indicadores del Sistema Municipal de Indicadores, como OGC API – Features.");
        ArrayNode l = doc.putArray("links");
        OgcLinks.add(l, links.ogc("?f=json"), "self", OgcLinks.JSON, "Esta página");
        OgcLinks.add(l, links.ogc("?f=html"), "alternate", OgcLinks.HTML, "Esta página en HTML");
        OgcLinks.add(l, links.ogc("/api"), "service-desc", OgcLinks.OPENAPI, "Definición de la API (OpenAPI 3.0)");
        OgcLinks.add(l, links.ogc("/api?f=html"), "service-doc", OgcLinks.HTML, "Documentación de la API");
        OgcLinks.add(l, links.ogc("/conformance"), "conformance", OgcLinks.JSON, "Clases de conformidad");
        OgcLinks.add(l, links.ogc("/collections"), "data", OgcLinks.JSON, "Colecciones");
        return doc;
    }

    static ObjectNode conformance(OgcLinks links) {
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        ArrayNode conformsTo = doc.putArray("conformsTo");
        CONFORMANCE.forEach(conformsTo::add);
        ArrayNode l = doc.putArray("links");
        OgcLinks.add(l, links.ogc("/conformance?f=json"), "self", OgcLinks.JSON, "Esta página");
        OgcLinks.add(l, links.ogc("/conformance?f=html"), "alternate", OgcLinks.HTML, "Esta página en HTML");
        return doc;
    }

    static ObjectNode collections(List<OgcCollection> all, CollectionExtents extents, OgcLinks links) {
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        ArrayNode l = doc.putArray("links");
        OgcLinks.add(l, links.ogc("/collections?f=json"), "self", OgcLinks.JSON, "Esta página");
        OgcLinks.add(l, links.ogc("/collections?f=html"), "alternate", OgcLinks.HTML, "Esta página en HTML");
        ArrayNode crs = doc.putArray("crs");
        Crs.SUPPORTED.forEach(c -> crs.add(c.uri()));
        ArrayNode collections = doc.putArray("collections");
        all.forEach(c -> collections.add(collection(c, extents.of(c), links)));
        return doc;
    }

    static ObjectNode collection(OgcCollection c, CollectionExtents.Extent extent, OgcLinks links) {
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.put("id", c.id());
        doc.put("title", c.title());
        doc.put("description", c.description());
        doc.put("itemType", "feature");
        String self = links.ogc("/collections/" + c.id());
        ArrayNode l = doc.putArray("links");
        OgcLinks.add(l, self + "?f=json", "self", OgcLinks.JSON, c.title());
        OgcLinks.add(l, self + "?f=html", "alternate", OgcLinks.HTML, c.title() + " (HTML)");
        OgcLinks.add(l, self + "/items?f=json", "items", OgcLinks.GEOJSON, "Elementos (GeoJSON)");
        OgcLinks.add(l, self + "/items?f=html", "items", OgcLinks.HTML, "Elementos (HTML)");
        OgcLinks.add(l, self + "/queryables", "http://www.opengis.net/def/rel/ogc/1.0/queryables", "application/schema+json",
                "Propiedades por las que se puede filtrar");
        OgcLinks.add(l, self + "/tiles/WebMercatorQuad", "http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector", OgcLinks.JSON,
                "Teselas vectoriales (TileJSON)");
        ObjectNode ext = doc.putObject("extent");
        ObjectNode spatial = ext.putObject("spatial");
        ArrayNode bboxes = spatial.putArray("bbox");
        extent.bbox().ifPresent(b -> {
            ArrayNode box = bboxes.addArray();
            for (double v : b) {
                box.add(v);
            }
        });
        spatial.put("crs", Crs.CRS84.uri());
        if (c.time().isPresent()) {
            ObjectNode temporal = ext.putObject("temporal");
            ArrayNode interval = temporal.putArray("interval").addArray();
            extent.start().ifPresentOrElse(s -> interval.add(s.toInstant().toString()), interval::addNull);
            extent.end().ifPresentOrElse(e -> interval.add(e.toInstant().toString()), interval::addNull);
            temporal.put("trs", TRS);
        }
        ArrayNode crs = doc.putArray("crs");
        Crs.SUPPORTED.forEach(x -> crs.add(x.uri()));
        doc.put("storageCrs", Crs.CRS84.uri());
        return doc;
    }

    /** The queryables as a JSON Schema, as OGC API – Features Part 3 shapes them. */
    static ObjectNode queryables(OgcCollection c, OgcLinks links) {
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        doc.put("$id", links.ogc("/collections/" + c.id() + "/queryables"));
        doc.put("type", "object");
        doc.put("title", c.title());
        ObjectNode props = doc.putObject("properties");
        for (Queryable q : c.queryables()) {
            ObjectNode p = props.putObject(q.name());
            p.put("title", q.description());
            p.put("type", q.type().jsonType());
            if (!q.values().isEmpty()) {
                ArrayNode e = p.putArray("enum");
                q.values().forEach(e::add);
            }
        }
        return doc;
    }
}
