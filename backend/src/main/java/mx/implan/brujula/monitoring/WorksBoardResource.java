package mx.implan.brujula.monitoring;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import mx.implan.brujula.auth.Roles;
import mx.implan.brujula.http.QueryParams;
import mx.implan.brujula.http.RequestLocale;
import mx.implan.brujula.model.Page;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Locale;
import java.util.Optional;

/** The supervisors' works board: every work with its progress figures (docs/works-monitoring.md). */
@Path("/api/v1/works/progress")
@Tag(name = "Works monitoring")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
public class WorksBoardResource {

    @Inject
    WorkProgress progress;
    @Inject
    HttpHeaders headers;

    @GET
    @RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Every work with planned today, last reported, delay",
            description = "delayed=true|false filters by the delay flag; programme (exact, case-insensitive); keyset pages by "
                    + "code (limit 1–1000, default 100; next is the cursor).")
    public Page<ObjectNode> board(@QueryParam("delayed") String delayed, @QueryParam("programme") String programme,
                                  @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        Locale locale = RequestLocale.from(headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
        Optional<Boolean> byDelay = delayed == null || delayed.isBlank() ? Optional.empty()
                : Optional.of(QueryParams.flag("delayed", delayed, false, locale));
        return progress.board(new WorkProgress.BoardQuery(
                Optional.ofNullable(programme).map(String::strip).filter(p -> !p.isEmpty()), byDelay,
                QueryParams.limit(limit, WorkProgress.DEFAULT_LIMIT, WorkProgress.MAX_LIMIT, locale),
                QueryParams.decodeCursor(WorkProgress.CURSOR_LIST, cursor, locale)));
    }
}
