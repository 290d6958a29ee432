package mx.implan.brujula.ogc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import mx.implan.brujula.config.BrujulaConfig;
import mx.implan.brujula.http.ApiProblem;
import mx.implan.brujula.http.QueryParams;
import mx.implan.brujula.http.RequestLocale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * OGC API – Features, Parts 1 and 2: the municipal GIS layers for QGIS, GDAL and any OGC client.
 * Collections and their SQL are in {@link OgcCollections}; items pages are built in PostgreSQL and
 * streamed ({@link FeaturePages}, {@link ItemsWriter}).
 */
@Path("/ogc")
@Tag(name = "OGC API – Features", description = "Capas del SIG: OGC API – Features Partes 1 y 2; su propia definición OpenAPI 3.0 en /ogc/api")
@PermitAll
public class OgcResource {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HTML = MediaType.TEXT_HTML + ";charset=UTF-8";

    @Inject
    OgcCollections collections;
    @Inject
    CollectionExtents extents;
    @Inject
    FeaturePages pages;
    @Inject
    SecurityIdentity identity;
    @Inject
    BrujulaConfig brujula;
    @Context
    UriInfo uri;
    @Context
    HttpHeaders headers;

    @GET
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_HTML})
    @Operation(summary = "Landing page of the OGC API")
    public Response landing(@QueryParam("f") String f) {
        only(Set.of("f"));
        ObjectNode doc = OgcDocuments.landing(links());
        return answer(doc, f, () -> OgcHtml.landing(doc, locale()));
    }

    @GET
    @Path("conformance")
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_HTML})
    @Operation(summary = "Conformance classes implemented")
    public Response conformance(@QueryParam("f") String f) {
        only(Set.of("f"));
        ObjectNode doc = OgcDocuments.conformance(links());
        return answer(doc, f, () -> OgcHtml.conformance(doc, locale()));
    }

    @GET
    @Path("api")
    @Produces({OgcLinks.OPENAPI, MediaType.APPLICATION_JSON, MediaType.TEXT_HTML})
    @Operation(summary = "This OGC API's OpenAPI 3.0 definition")
    public Response api(@QueryParam("f") String f) {
        only(Set.of("f"));
        ObjectNode doc = OgcApiDocument.of(collections.visibleTo(identity), links());
        if (OgcFormat.of(f, headers, locale()) == OgcFormat.HTML) {
            return Response.ok("<!DOCTYPE html><html lang=\"es\"><head><meta charset=\"utf-8\"><title>OGC API — Brújula</title></head><body><pre>"
                    + OgcHtml.esc(doc.toPrettyString()) + "</pre></body></html>", HTML).build();
        }
        return Response.ok(doc.toString(), OgcLinks.OPENAPI).build();
    }

    @GET
    @Path("collections")
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_HTML})
    @Operation(summary = "The collections this caller may read")
    public Response collections(@QueryParam("f") String f) {
        only(Set.of("f"));
        ObjectNode doc = OgcDocuments.collections(collections.visibleTo(identity), extents, links());
        return answer(doc, f, () -> OgcHtml.collections(doc, locale()));
    }

    @GET
    @Path("collections/{collectionId}")
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_HTML})
    @Operation(summary = "One collection's metadata: extent, CRS, links")
    public Response collection(@PathParam("collectionId") String id, @QueryParam("f") String f) {
        only(Set.of("f"));
        OgcCollection c = collections.readable(id, identity);
        ObjectNode doc = OgcDocuments.collection(c, extents.of(c), links());
        return answer(doc, f, () -> OgcHtml.collection(doc, OgcDocuments.queryables(c, links()), locale()));
    }

    @GET
    @Path("collections/{collectionId}/queryables")
    @Produces({"application/schema+json", MediaType.APPLICATION_JSON})
    @Operation(summary = "The properties a collection's items can be filtered on (JSON Schema)")
    public Response queryables(@PathParam("collectionId") String id, @QueryParam("f") String f) {
        only(Set.of("f"));
        OgcCollection c = collections.readable(id, identity);
        OgcFormat.of(f, headers, locale());
        return Response.ok(OgcDocuments.queryables(c, links()).toString(), "application/schema+json").build();
    }

    @GET
    @Path("collections/{collectionId}/items")
    @Produces({OgcLinks.GEOJSON, MediaType.APPLICATION_JSON, MediaType.TEXT_HTML})
    @Operation(summary = "Features of a collection",
            description = "limit (1–10000, 10 by default), bbox (4 or 6 numbers) with bbox-crs, datetime (instant, date or interval with ..), crs, "
                    + "the collection's queryables (equality), cursor (from next/prev links), f=json|html. Unknown parameters are 400.")
    public Response items(@PathParam("collectionId") String id) throws SQLException {
        OgcCollection c = collections.readable(id, identity);
        Locale locale = locale();
        Map<String, List<String>> query = uri.getQueryParameters();
        OgcFormat format = OgcFormat.of(first(query, "f"), headers, locale);
        ItemsRequest r = ItemsRequest.parse(c, query, format, new Datetimes(brujula.timezone()), locale);
        for (Map.Entry<OgcCollection.Queryable, String> filter : r.filters().entrySet()) {
            if (filter.getKey().type() == OgcCollection.Queryable.Type.ZONE && !pages.zoneExists(filter.getValue())) {
                throw QueryParams.invalid(filter.getKey().name(), "UNKNOWN_ZONE", locale, "Zone {0} does not exist", filter.getValue());
            }
        }
        Optional<Long> matched = r.cursor().isPresent() ? Optional.of(r.cursor().get().matched())
                : FeatureSql.countsInPage(r) ? Optional.empty() : Optional.of(pages.count(c, r));
        ItemsWriter.Context ctx = new ItemsWriter.Context(c, r, links(), linkParams(query), matched);
        FeaturePages.Page page = pages.open(c, r, base());
        if (format == OgcFormat.HTML) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            try (page) {
                ItemsWriter.write(page, ctx, buffer);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            JsonNode doc = parse(buffer.toByteArray());
            return Response.ok(OgcHtml.items(c, doc, locale), HTML).build();
        }
        StreamingOutput body = out -> {
            try (page) {
                ItemsWriter.write(page, ctx, out);
            }
        };
        return Response.ok(body, OgcLinks.GEOJSON).header("Content-Crs", "<" + r.crs().uri() + ">").build();
    }

    @GET
    @Path("collections/{collectionId}/items/{featureId}")
    @Produces({OgcLinks.GEOJSON, MediaType.APPLICATION_JSON, MediaType.TEXT_HTML})
    @Operation(summary = "One feature")
    public Response item(@PathParam("collectionId") String id, @PathParam("featureId") String featureId,
                         @QueryParam("f") String f, @QueryParam("crs") String crsParam) throws SQLException {
        only(Set.of("f", "crs"));
        OgcCollection c = collections.readable(id, identity);
        Locale locale = locale();
        OgcFormat format = OgcFormat.of(f, headers, locale);
        Crs crs = ItemsRequest.crs("crs", crsParam, locale);
        Optional<String> found = readableId(c, featureId) ? pages.one(c, featureId, crs, base()) : Optional.empty();
        String json = found.orElseThrow(() -> ApiProblem.notFound("FEATURE_NOT_FOUND", "Feature {0} does not exist in {1}", featureId, id));
        ObjectNode feature = (ObjectNode) parse(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String self = links().ogc("/collections/" + c.id() + "/items/" + OgcLinks.encode(featureId));
        List<Map.Entry<String, String>> params = crsParam == null ? List.of() : List.of(Map.entry("crs", crs.uri()));
        var l = feature.putArray("links");
        OgcLinks.add(l, OgcLinks.query(self, with(params, "json")), "self", OgcLinks.GEOJSON, "Este elemento");
        OgcLinks.add(l, OgcLinks.query(self, with(params, "html")), "alternate", OgcLinks.HTML, "Este elemento en HTML");
        OgcLinks.add(l, links().ogc("/collections/" + c.id()), "collection", OgcLinks.JSON, c.title());
        if (format == OgcFormat.HTML) {
            return Response.ok(OgcHtml.item(c, feature, locale), HTML).build();
        }
        return Response.ok(feature.toString(), OgcLinks.GEOJSON).header("Content-Crs", "<" + crs.uri() + ">").build();
    }

    private static List<Map.Entry<String, String>> with(List<Map.Entry<String, String>> params, String f) {
        List<Map.Entry<String, String>> all = new ArrayList<>(params);
        all.add(Map.entry("f", f));
        return all;
    }

    private static boolean readableId(OgcCollection c, String featureId) {
        if (featureId.length() > 500) {
            return false;
        }
        if ("uuid".equals(c.featureId().sqlType())) {
            try {
                UUID.fromString(featureId);
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return true;
    }

    /** The parameters a page's links repeat: all the client gave except the cursor and the format, in a stable order. */
    private static List<Map.Entry<String, String>> linkParams(Map<String, List<String>> query) {
        List<Map.Entry<String, String>> params = new ArrayList<>();
        query.forEach((k, v) -> {
            if (!k.equals("cursor") && !k.equals("f") && !v.isEmpty()) {
                params.add(Map.entry(k, v.get(0)));
            }
        });
        params.sort(Map.Entry.comparingByKey());
        return params;
    }

    private Response answer(ObjectNode doc, String f, java.util.function.Supplier<String> html) {
        if (OgcFormat.of(f, headers, locale()) == OgcFormat.HTML) {
            return Response.ok(html.get(), HTML).build();
        }
        return Response.ok(doc.toString(), MediaType.APPLICATION_JSON).build();
    }

    /** The OGC API refuses parameters it does not know, so a client never believes a filter applied. */
    private void only(Set<String> known) {
        for (String name : uri.getQueryParameters().keySet()) {
            if (!known.contains(name)) {
                throw QueryParams.invalid(name, "UNKNOWN_PARAMETER", locale(), "Unknown parameter; this resource takes: {0}",
                        String.join(", ", known.stream().sorted().toList()));
            }
        }
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private static JsonNode parse(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("the database wrote invalid GeoJSON", e);
        }
    }

    private OgcLinks links() {
        return new OgcLinks(base());
    }

    private String base() {
        String b = uri.getBaseUri().toString();
        return b.endsWith("/") ? b : b + "/";
    }

    private Locale locale() {
        return RequestLocale.from(headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
    }
}
