package mx.implan.brujula.zones;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import mx.implan.brujula.auth.Roles;
import mx.implan.brujula.http.ApiProblem;
import mx.implan.brujula.http.QueryParams;
import mx.implan.brujula.http.RequestLocale;
import mx.implan.brujula.model.Page;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Locale;
import java.util.Optional;

/** Zones (AGEBs, localities, the municipality) with population; any signed-in role may read them. */
@Path("/api/v1/zones")
@Tag(name = "Zones", description = "AGEBs, localities and the municipality, with population")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.CITIZEN, Roles.INSPECTOR, Roles.SUPERVISOR, Roles.ADMIN})
public class ZoneResource {

    @Inject
    ZoneService zones;

    @GET
    @Operation(summary = "List zones", description = "Filter by type, parent or bbox (minLon,minLat,maxLon,maxLat); keyset pages of limit (default 100, max 1000) items; geometry=true adds GeoJSON geometries.")
    public Page<ObjectNode> list(@QueryParam("type") String type, @QueryParam("parent") String parent,
                                 @QueryParam("bbox") String bbox, @QueryParam("limit") String limit,
                                 @QueryParam("cursor") String cursor, @QueryParam("geometry") String geometry,
                                 @Context HttpHeaders headers) {
        Locale locale = RequestLocale.from(headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
        Optional<ZoneType> zoneType = Optional.empty();
        if (type != null && !type.isBlank()) {
            zoneType = Optional.of(ZoneType.parse(type).orElseThrow(() ->
                    QueryParams.invalid("type", "UNKNOWN_ZONE_TYPE", locale, "Must be MUNICIPALITY, LOCALITY or AGEB")));
        }
        return zones.list(new ZoneService.Query(zoneType,
                Optional.ofNullable(parent).filter(p -> !p.isBlank()).map(String::trim),
                QueryParams.bbox(bbox, locale),
                QueryParams.limit(limit, ZoneService.DEFAULT_LIMIT, ZoneService.MAX_LIMIT, locale),
                QueryParams.decodeCursor(ZoneService.CURSOR_LIST, cursor, locale),
                QueryParams.flag("geometry", geometry, false, locale)));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One zone by CVEGEO", description = "Population, CONAPO 2020 marginalisation, area, source attributes and GeoJSON geometry.")
    public ObjectNode get(@PathParam("id") String id) {
        return zones.find(id).orElseThrow(() -> ApiProblem.notFound("ZONE_NOT_FOUND", "Zone {0} does not exist", id));
    }
}
