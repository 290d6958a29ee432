package mx.implan.brujula.moderation;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import mx.implan.brujula.attachments.Hashes;
import mx.implan.brujula.auth.CurrentActor;
import mx.implan.brujula.auth.Roles;
import mx.implan.brujula.http.ApiProblem;
import mx.implan.brujula.model.sync.FieldError;
import mx.implan.brujula.http.ProblemMessages;
import mx.implan.brujula.http.QueryParams;
import mx.implan.brujula.http.RequestLocale;
import mx.implan.brujula.model.Page;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Supervisors review citizen photos before anything of them becomes public. */
@Path("/api/v1/moderation/photos")
@Tag(name = "Photo moderation", description = "Citizen photos are public only after a supervisor approves them (public variant only)")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
public class ModerationResource {

    @Inject
    PhotoModeration moderation;
    @Inject
    CurrentActor actor;
    @Inject
    HttpHeaders headers;

    /** Body of a decision. */
    public record DecisionRequest(String decision, String reason) {
    }

    @GET
    @Operation(summary = "Citizen photos by moderation state",
            description = "status=pending (default), approved or rejected; oldest upload first, with the ids of the observations that reference each photo. limit ≤ 500 (default 50), cursor from next.")
    public Page<PhotoModeration.Photo> list(@QueryParam("status") String status, @QueryParam("limit") String limit,
                                            @QueryParam("cursor") String cursor) {
        Locale locale = locale();
        PhotoDecision decision = status == null || status.isBlank() ? PhotoDecision.PENDING
                : PhotoDecision.parse(status).orElseThrow(() -> QueryParams.invalid("status", "INVALID_ENUM", locale,
                "Allowed values: pending, approved, rejected", "pending, approved, rejected"));
        return moderation.list(decision, QueryParams.limit(limit, 50, 500, locale), cursor, locale);
    }

    @POST
    @Path("/{sha256}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Approve or reject a citizen photo (audited in each referencing observation's history)",
            description = "Body {\"decision\": \"APPROVED\"|\"REJECTED\", \"reason\"?}. Approved photos are served to anyone, only as variant=public (EXIF GPS and device fields removed); rejected and pending ones never. 404 PHOTO_NOT_MODERATED when no citizen observation references the hash or the photo has not arrived.")
    public PhotoModeration.Photo decide(@PathParam("sha256") String sha256, DecisionRequest body) {
        Locale locale = locale();
        String hash = Hashes.require("sha256", sha256, locale);
        List<FieldError> errors = new ArrayList<>();
        PhotoDecision decision = body == null ? null : PhotoDecision.settable(body.decision()).orElse(null);
        if (decision == null) {
            errors.add(new FieldError("decision", "INVALID_ENUM", ProblemMessages.detail("field.INVALID_ENUM", locale,
                    "Allowed values: APPROVED, REJECTED", "APPROVED, REJECTED")));
        }
        if (body != null && body.reason() != null && body.reason().length() > PhotoModeration.maxReason()) {
            errors.add(new FieldError("reason", "TOO_LONG", ProblemMessages.detail("field.TOO_LONG", locale,
                    "Longer than " + PhotoModeration.maxReason() + " characters", PhotoModeration.maxReason())));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.validation(errors);
        }
        return moderation.decide(actor.get(), hash, decision, body.reason());
    }

    private Locale locale() {
        return RequestLocale.from(headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
    }
}
