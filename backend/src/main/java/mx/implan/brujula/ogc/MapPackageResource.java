package mx.implan.brujula.ogc;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import mx.implan.brujula.auth.CurrentActor;
import mx.implan.brujula.auth.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.sql.SQLException;

/** The field app's offline map: fetched while online, drawn without a network. */
@Path("/api/v1/me/map-package")
@Tag(name = "Assignments", description = "The zones and public works a user works on")
@SecurityRequirement(name = "jwt")
@RolesAllowed({Roles.INSPECTOR, Roles.SUPERVISOR, Roles.ADMIN})
public class MapPackageResource {

    @Inject
    MapPackages packages;
    @Inject
    CurrentActor actor;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "My offline map",
            description = "Inspectors: their AGEBs and localities (with a label point), the works in them and the municipal boundary; "
                    + "supervisors and admins: every locality and work. GeoJSON simplified for a phone. ETag = version; "
                    + "If-None-Match with the version held answers 304.")
    public Response get(@HeaderParam("If-None-Match") String ifNoneMatch) throws SQLException {
        MapPackages.MapPackage p = packages.of(actor.get());
        EntityTag tag = new EntityTag(p.version());
        if (ifNoneMatch != null && (ifNoneMatch.contains("\"" + p.version() + "\"") || ifNoneMatch.strip().equals("*"))) {
            return Response.notModified(tag).build();
        }
        return Response.ok(p.json(), MediaType.APPLICATION_JSON).tag(tag).header("Cache-Control", "private, no-cache").build();
    }
}
