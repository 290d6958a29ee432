package mx.implan.brujula.ogc;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import mx.implan.brujula.ogc.OgcCollection.Queryable;

import java.util.List;

/**
 * The OGC API's own OpenAPI 3.0 definition ({@code /ogc/api}), with one items path per collection
 * so that each collection's filters are declared. (The application's full API is at /q/openapi.)
 */
final class OgcApiDocument {

    private OgcApiDocument() {
    }

    static ObjectNode of(List<OgcCollection> collections, OgcLinks links) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode doc = f.objectNode();
        doc.put("openapi", "3.0.3");
        ObjectNode info = doc.putObject("info");
        info.put("title", "Brújula — OGC API – Features");
        info.put("version", "1.0.0");
        info.put("description", "Capas del SIG municipal: OGC API – Features Partes 1 (Core, GeoJSON, HTML, OpenAPI 3.0) y 2 (CRS).");
        info.putObject("license").put("name", "CC-BY-4.0").put("url", "https://creativecommons.org/licenses/by/4.0/");
        doc.putArray("servers").addObject().put("url", links.ogc(""));
        ObjectNode paths = doc.putObject("paths");
        simple(paths, "/", "getLandingPage", "Página de inicio");
        simple(paths, "/conformance", "getConformance", "Clases de conformidad");
        simple(paths, "/api", "getApi", "Esta definición");
        simple(paths, "/collections", "getCollections", "Colecciones");
        for (OgcCollection c : collections) {
            simple(paths, "/collections/" + c.id(), "describe_" + op(c), "Metadatos de " + c.title());
            ObjectNode get = paths.putObject("/collections/" + c.id() + "/items").putObject("get");
            get.put("operationId", "items_" + op(c));
            get.put("summary", c.title());
            get.put("description", c.description());
            ArrayNode params = get.putArray("parameters");
            params.addObject().put("$ref", "#/components/parameters/limit");
            params.addObject().put("$ref", "#/components/parameters/bbox");
            params.addObject().put("$ref", "#/components/parameters/bbox-crs");
            if (c.time().isPresent()) {
                params.addObject().put("$ref", "#/components/parameters/datetime");
            }
            params.addObject().put("$ref", "#/components/parameters/crs");
            params.addObject().put("$ref", "#/components/parameters/cursor");
            params.addObject().put("$ref", "#/components/parameters/f");
            for (Queryable q : c.queryables()) {
                ObjectNode p = params.addObject();
                p.put("name", q.name()).put("in", "query").put("required", false).put("description", q.description())
                        .put("style", "form").put("explode", false);
                ObjectNode schema = p.putObject("schema").put("type", q.type().jsonType());
                if (!q.values().isEmpty()) {
                    ArrayNode e = schema.putArray("enum");
                    q.values().forEach(e::add);
                }
            }
            responses(get, "application/geo+json", "Los elementos");
            ObjectNode one = paths.putObject("/collections/" + c.id() + "/items/{featureId}").putObject("get");
            one.put("operationId", "item_" + op(c));
            one.put("summary", "Un elemento de " + c.title());
            ArrayNode oneParams = one.putArray("parameters");
            oneParams.addObject().put("name", "featureId").put("in", "path").put("required", true)
                    .putObject("schema").put("type", "string");
            oneParams.addObject().put("$ref", "#/components/parameters/crs");
            oneParams.addObject().put("$ref", "#/components/parameters/f");
            responses(one, "application/geo+json", "El elemento");
        }
        ObjectNode components = doc.putObject("components").putObject("parameters");
        ObjectNode limit = param(components, "limit", "Número de elementos por página (1–10000)");
        limit.putObject("schema").put("type", "integer").put("minimum", 1).put("maximum", ItemsRequest.MAX_LIMIT)
                .put("default", ItemsRequest.DEFAULT_LIMIT);
        ObjectNode bbox = param(components, "bbox", "minx,miny,maxx,maxy (o seis números con alturas), en bbox-crs");
        bbox.put("explode", false);
        ObjectNode bboxSchema = bbox.putObject("schema").put("type", "array").put("minItems", 4).put("maxItems", 6);
        bboxSchema.putObject("items").put("type", "number");
        ObjectNode crsEnum = f.objectNode().put("type", "string").put("format", "uri");
        ArrayNode uris = crsEnum.putArray("enum");
        Crs.SUPPORTED.forEach(c -> uris.add(c.uri()));
        param(components, "bbox-crs", "CRS de bbox (por omisión CRS84)").set("schema", crsEnum.deepCopy());
        param(components, "crs", "CRS de la respuesta (por omisión CRS84)").set("schema", crsEnum.deepCopy());
        param(components, "datetime", "Instante, fecha o intervalo inicio/fin (extremo abierto con ..)")
                .putObject("schema").put("type", "string");
        param(components, "cursor", "Posición de la página (de los enlaces next y prev)").putObject("schema").put("type", "string");
        ObjectNode fmt = param(components, "f", "Formato: json o html").putObject("schema").put("type", "string");
        fmt.putArray("enum").add("json").add("html");
        return doc;
    }

    private static String op(OgcCollection c) {
        return c.id().replaceAll("[^A-Za-z0-9]", "_");
    }

    private static void simple(ObjectNode paths, String path, String operationId, String summary) {
        ObjectNode get = paths.putObject(path).putObject("get");
        get.put("operationId", operationId);
        get.put("summary", summary);
        get.putArray("parameters").addObject().put("$ref", "#/components/parameters/f");
        responses(get, "application/json", summary);
    }

    private static void responses(ObjectNode get, String type, String description) {
        ObjectNode responses = get.putObject("responses");
        ObjectNode ok = responses.putObject("200").put("description", description);
        ObjectNode content = ok.putObject("content");
        content.putObject(type).putObject("schema").put("type", "object");
        content.putObject("text/html").putObject("schema").put("type", "string");
        responses.putObject("400").put("description", "Parámetro desconocido o inválido (application/problem+json)");
        responses.putObject("404").put("description", "No existe");
    }

    private static ObjectNode param(ObjectNode components, String name, String description) {
        ObjectNode p = components.putObject(name);
        p.put("name", name).put("in", "query").put("required", false).put("description", description);
        if (!name.equals("bbox")) {
            p.put("style", "form").put("explode", false);
        }
        return p;
    }
}
