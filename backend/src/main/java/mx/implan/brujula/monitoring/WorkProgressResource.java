package mx.implan.brujula.monitoring;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import mx.implan.brujula.auth.Actor;
import mx.implan.brujula.auth.CurrentActor;
import mx.implan.brujula.auth.Roles;
import mx.implan.brujula.http.ApiProblem;
import mx.implan.brujula.http.QueryParams;
import mx.implan.brujula.http.RequestLocale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/** One public work's planned and reported progress (docs/works-monitoring.md). */
@Path("/api/v1/works/{id}/progress")
@Tag(name = "Works monitoring", description = "Planned against reported progress of public works")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
public class WorkProgressResource {

    @Inject
    WorkProgress progress;
    @Inject
    CurrentActor actor;
    @Inject
    HttpHeaders headers;

    @GET
    @RolesAllowed({Roles.INSPECTOR, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "A work's progress: plan, reported series, visits with photos, delay",
            description = "actual: per visit day (America/Hermosillo) the report captured last that day; visits: every report, "
                    + "oldest first, with thumbnail URLs; delayPoints = plannedToday − lastActual, delayed when above "
                    + "brujula.monitoring.delay-threshold. Inspectors: only works inside their zones (others 404).")
    @APIResponse(responseCode = "404", description = "WORK_NOT_FOUND", content = @Content(mediaType = "application/problem+json"))
    public ObjectNode get(@PathParam("id") String id) {
        UUID workId = QueryParams.uuid("id", id, RequestLocale.from(headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE)));
        Actor reader = actor.get();
        return (progress.visibleTo(reader, workId) ? progress.of(workId) : java.util.Optional.<ObjectNode>empty())
                .orElseThrow(() -> ApiProblem.notFound("WORK_NOT_FOUND", "Public work {0} does not exist", workId));
    }
}
