package mx.implan.brujula.assignments;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import mx.implan.brujula.auth.CurrentActor;
import mx.implan.brujula.auth.Roles;
import mx.implan.brujula.http.QueryParams;
import mx.implan.brujula.http.RequestLocale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** An inspector's zones (administrators): read and replace the set. */
@Path("/api/v1/admin/users/{id}/zones")
@Tag(name = "Administration", description = "Users, roles and inspectors' zone assignments (admin only)")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class AssignmentResource {

    @Inject
    Assignments assignments;
    @Inject
    CurrentActor actor;
    @Inject
    HttpHeaders headers;

    /** PUT body: the complete set of zone ids (AGEB or locality CVEGEO). */
    public record ZoneSet(List<String> zones) {
    }

    @GET
    @Operation(summary = "The zones of a user", description = "Inspectors' AGEBs and localities with who assigned them and when; other roles have none.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Assignments.AssignmentSet.class)))
    @APIResponse(responseCode = "404", description = "USER_NOT_FOUND", content = @Content(mediaType = "application/problem+json"))
    public Assignments.AssignmentSet get(@PathParam("id") String id) {
        return assignments.of(userId(id));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace the zones of an inspector",
            description = "Body {\"zones\": [\"2603000011869\", \"260300001\"]}: the whole set (AGEB or locality ids; [] removes all). "
                    + "The inspector's devices pull the works of zones gained and REMOVE for works no longer in any of their zones. Audited.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Assignments.AssignmentSet.class)))
    @APIResponse(responseCode = "404", description = "USER_NOT_FOUND", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "409", description = "NOT_AN_INSPECTOR: only inspectors have zones", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "422", description = "VALIDATION_FAILED: zones missing, zones[i] UNKNOWN_ZONE or ZONE_NOT_ASSIGNABLE (the municipality), TOO_MANY_ZONES",
            content = @Content(mediaType = "application/problem+json"))
    public Assignments.AssignmentSet put(@PathParam("id") String id, ZoneSet body) {
        return assignments.replace(actor.get(), userId(id), body == null ? null : body.zones(), locale());
    }

    private UUID userId(String id) {
        return QueryParams.uuid("id", id, locale());
    }

    private Locale locale() {
        return RequestLocale.from(headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
    }
}
