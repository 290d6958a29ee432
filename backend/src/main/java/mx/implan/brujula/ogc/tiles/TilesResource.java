package mx.implan.brujula.ogc.tiles;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import mx.implan.brujula.http.QueryParams;
import mx.implan.brujula.http.RequestLocale;
import mx.implan.brujula.ogc.CollectionExtents;
import mx.implan.brujula.ogc.OgcCollection;
import mx.implan.brujula.ogc.OgcCollections;
import mx.implan.brujula.ogc.OgcLinks;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Locale;

/**
 * Vector tiles of the OGC API collections (OGC API – Tiles path shape, WebMercatorQuad only):
 * Mapbox Vector Tiles rendered by PostGIS and cached until a change evicts them, and a TileJSON
 * per collection. Who may read a collection's tiles is who may read its features.
 */
@Path("/ogc/collections/{collectionId}/tiles/WebMercatorQuad")
@Tag(name = "OGC API – Features", description = "Capas del SIG: OGC API – Features Partes 1 y 2; su propia definición OpenAPI 3.0 en /ogc/api")
@PermitAll
public class TilesResource {

    public static final String MVT = "application/vnd.mapbox-vector-tile";

    @Inject
    OgcCollections collections;
    @Inject
    CollectionExtents extents;
    @Inject
    TileRenderer renderer;
    @Inject
    TileCache cache;
    @Inject
    TilesConfig config;
    @Inject
    SecurityIdentity identity;
    @Context
    UriInfo uri;
    @Context
    HttpHeaders headers;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "TileJSON 3.0.0 of a collection's vector tiles")
    public Response tileJson(@PathParam("collectionId") String id) {
        noParameters();
        OgcCollection c = collections.readable(id, identity);
        boolean clustered = renderer.clustered(c, 0);
        var doc = TileJson.of(c, extents.of(c), renderer.fields(c), new OgcLinks(base()), config.maxZoom(),
                config.clusterBelowZoom(), clustered ? TileSql.clusterFields(c) : List.of());
        return Response.ok(doc.toString(), MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("{z}/{y}/{x}")
    @Produces(MVT)
    @Operation(summary = "One Mapbox Vector Tile of a collection",
            description = "z 0–22, x and y 0..2^z−1 (whole numbers). 204 for a tile without features; gzip when accepted; "
                    + "ETag/If-None-Match. Below brujula.tiles.cluster-below-zoom dense point layers come as clusters with counts.")
    public Response tile(@PathParam("collectionId") String id, @PathParam("z") String z, @PathParam("y") String y,
                         @PathParam("x") String x) {
        noParameters();
        OgcCollection c = collections.readable(id, identity);
        TileAddress t = TileAddress.parse(z, y, x, locale());
        String base = base();
        RenderedTile tile = cache.get(c.id(), t, base, () -> renderer.render(c, t, base));
        // Staff tiles stay out of shared caches and are revalidated (their ETag makes that cheap).
        String cc = c.isPublic() ? "public, max-age=" + config.publicMaxAge().toSeconds() : "private, no-cache";
        if (HttpPreconditions.matches(headers.getHeaderString(HttpHeaders.IF_NONE_MATCH), tile.etag())) {
            return Response.notModified().tag(tile.etag().replace("\"", "")).header(HttpHeaders.CACHE_CONTROL, cc).header(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING).build();
        }
        Response.ResponseBuilder r;
        if (tile.empty()) {
            r = Response.noContent();
        } else if (HttpPreconditions.acceptsGzip(headers.getHeaderString(HttpHeaders.ACCEPT_ENCODING))) {
            r = Response.ok(tile.gzipped(), MVT).header("Content-Encoding", "gzip");
        } else {
            r = Response.ok(tile.plain(), MVT);
        }
        return r.tag(tile.etag().replace("\"", "")).header(HttpHeaders.CACHE_CONTROL, cc).header(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING).build();
    }

    /** Tiles take no query parameters: one that is given was meant to filter, and must not be silently ignored. */
    private void noParameters() {
        var given = uri.getQueryParameters().keySet().stream().findFirst();
        if (given.isPresent()) {
            throw QueryParams.invalid(given.get(), "NO_PARAMETERS", locale(), "This resource takes no parameters");
        }
    }

    private String base() {
        String b = uri.getBaseUri().toString();
        return b.endsWith("/") ? b : b + "/";
    }

    private Locale locale() {
        return RequestLocale.from(headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
    }
}
