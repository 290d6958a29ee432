package mx.implan.brujula.auth;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Test-only endpoint: shows the Actor a resource gets, behind a role rule like real write endpoints. */
@Path(ActorProbeResource.PATH)
public class ActorProbeResource {

    static final String PATH = "/test-only/actor";

    @Inject
    CurrentActor actor;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.INSPECTOR, Roles.SUPERVISOR})
    public Actor get() {
        return actor.get();
    }
}
