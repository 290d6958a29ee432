package mx.implan.brujula.assignments;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import mx.implan.brujula.auth.CurrentActor;
import mx.implan.brujula.auth.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The signed-in staff member's assignments, online (devices get the same through pull). */
@Path("/api/v1/me/assignments")
@Tag(name = "Assignments", description = "The zones and public works a user works on")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.INSPECTOR, Roles.SUPERVISOR, Roles.ADMIN})
public class MyAssignmentsResource {

    @Inject
    Assignments assignments;
    @Inject
    CurrentActor actor;

    @GET
    @Operation(summary = "My zones and the public works in them",
            description = "Inspectors: scope ZONES, their AGEBs/localities and the works whose geometry intersects one of them. "
                    + "Supervisors and admins: scope MUNICIPALITY, no zones, every work.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Assignments.MyAssignments.class)))
    public Assignments.MyAssignments mine() {
        return assignments.mine(actor.get());
    }
}
