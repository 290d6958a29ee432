package mx.implan.brujula.ogc.layers;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import mx.implan.brujula.auth.CurrentActor;
import mx.implan.brujula.auth.Roles;
import mx.implan.brujula.http.RequestLocale;
import mx.implan.brujula.ogc.layers.LayerViews.LayerView;
import mx.implan.brujula.ogc.layers.LayerViews.TableView;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reference layers (admins only): the GIS team's tables in schema {@code layers}, published as OGC collections once registered. */
@Path("/api/v1/admin/layers")
@Tag(name = "Administration")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class LayerAdminResource {

    @Inject
    LayerRegistry registry;
    @Inject
    CurrentActor actor;
    @Inject
    HttpHeaders headers;

    @GET
    @Operation(summary = "Tables of schema layers and their registrations",
            description = "Every table with its geometry column, type and SRID, primary key and columns, why it cannot be published "
                    + "(problems) and its registration (layer, null when unregistered); registered tables that are gone come last.")
    public Map<String, List<TableView>> list() {
        return Map.of("items", registry.tables(locale()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a table as an OGC collection",
            description = "Body {\"table\", \"id\"?, \"title\", \"description\"?, \"audience\": \"PUBLIC\"|\"STAFF\", \"timeColumn\"?}. "
                    + "The table needs one geometry column with a known SRID and a one-column primary key (integer, bigint, text, uuid). "
                    + "Published at once; audited.")
    @APIResponse(responseCode = "201", description = "Registered; Location is the OGC collection")
    @APIResponse(responseCode = "409", description = "COLLECTION_ID_TAKEN or LAYER_TABLE_REGISTERED", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "422", description = "VALIDATION_FAILED: table, id, title, description, audience or timeColumn",
            content = @Content(mediaType = "application/problem+json"))
    public Response register(LayerRegistry.NewLayer body, @Context UriInfo uri) {
        LayerView layer = registry.register(actor.get(), body, locale());
        return Response.created(uri.getBaseUriBuilder().path("ogc/collections").path(layer.id()).build()).entity(layer).build();
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a layer's title, description, audience or time column",
            description = "Body {\"title\"?, \"description\"?, \"audience\"?, \"timeColumn\"?}; absent members stay, timeColumn \"\" removes the time. Audited.")
    @APIResponse(responseCode = "404", description = "LAYER_NOT_FOUND", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "422", description = "VALIDATION_FAILED", content = @Content(mediaType = "application/problem+json"))
    public LayerView update(@PathParam("id") String id, LayerRegistry.LayerChange body) {
        return registry.update(actor.get(), id, body, locale());
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Unregister a layer", description = "204; the collection disappears, the table stays in schema layers. Audited.")
    @APIResponse(responseCode = "204", description = "Unregistered")
    @APIResponse(responseCode = "404", description = "LAYER_NOT_FOUND", content = @Content(mediaType = "application/problem+json"))
    public Response unregister(@PathParam("id") String id) {
        registry.unregister(actor.get(), id);
        return Response.noContent().build();
    }

    private Locale locale() {
        return RequestLocale.from(headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
    }
}
