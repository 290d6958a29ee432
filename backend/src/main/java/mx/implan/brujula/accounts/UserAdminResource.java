package mx.implan.brujula.accounts;

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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import mx.implan.brujula.audit.AuditView;
import mx.implan.brujula.auth.CurrentActor;
import mx.implan.brujula.auth.Roles;
import mx.implan.brujula.auth.UserService;
import mx.implan.brujula.http.QueryParams;
import mx.implan.brujula.http.RequestLocale;
import mx.implan.brujula.model.Page;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** User administration (admins only): accounts, roles, active flag, password resets, their audit history. */
@Path("/api/v1/admin/users")
@Tag(name = "Administration", description = "Users, roles and inspectors' zone assignments (admin only)")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class UserAdminResource {

    @Inject
    UserAdministration admin;
    @Inject
    CurrentActor actor;
    @Inject
    HttpHeaders headers;

    /** Password reset body; no password → one is generated and returned once. */
    public record PasswordReset(String password) {
    }

    @GET
    @Operation(summary = "List users", description = "Filter by role (citizen, inspector, supervisor, admin) and active (true/false); keyset pages by username (limit 1–1000, default 100).")
    public Page<UserView> list(@QueryParam("role") String role, @QueryParam("active") String active,
                               @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        Locale locale = locale();
        Optional<String> roleFilter = Optional.ofNullable(role).map(String::strip).filter(r -> !r.isEmpty());
        if (roleFilter.isPresent() && !UserService.ROLES.contains(roleFilter.get())) {
            throw QueryParams.invalid("role", "INVALID_ENUM", locale, "Allowed values: citizen, inspector, supervisor, admin",
                    "citizen, inspector, supervisor, admin");
        }
        Optional<Boolean> activeFilter = active == null || active.isBlank() ? Optional.empty()
                : Optional.of(QueryParams.flag("active", active, true, locale));
        return admin.list(new UserAdministration.Query(roleFilter, activeFilter,
                QueryParams.limit(limit, UserAdministration.DEFAULT_LIMIT, UserAdministration.MAX_LIMIT, locale),
                QueryParams.decodeCursor(UserAdministration.CURSOR_LIST, cursor, locale)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a user",
            description = "Body {\"username\", \"displayName\"?, \"role\", \"password\"?, \"active\"?}. Without password one is generated and "
                    + "returned once as generatedPassword (never stored in clear, never shown again). Audited.")
    @APIResponse(responseCode = "201", description = "Created; Location names the user",
            content = @Content(schema = @Schema(implementation = CreatedUser.class)))
    @APIResponse(responseCode = "409", description = "USERNAME_TAKEN", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "422", description = "VALIDATION_FAILED: username, role, password or displayName invalid",
            content = @Content(mediaType = "application/problem+json"))
    public Response create(UserAdministration.NewUser body, @Context UriInfo uri) {
        CreatedUser created = admin.create(actor.get(), body, locale());
        return Response.created(uri.getAbsolutePathBuilder().path(created.user().id().toString()).build())
                .entity(created).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One user")
    @APIResponse(responseCode = "404", description = "USER_NOT_FOUND", content = @Content(mediaType = "application/problem+json"))
    public UserView get(@PathParam("id") String id) {
        return admin.get(userId(id));
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change name, role or active",
            description = "Body {\"displayName\"?, \"role\"?, \"active\"?}; absent members stay. A role change or active=false makes the user's "
                    + "tokens stop working at once (disabling also revokes refresh tokens); an inspector who gets another role loses their zones. Audited.")
    @APIResponse(responseCode = "404", description = "USER_NOT_FOUND", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "409", description = "LAST_ADMIN: the last active admin cannot be demoted or disabled",
            content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "422", description = "VALIDATION_FAILED: role or displayName invalid", content = @Content(mediaType = "application/problem+json"))
    public UserView update(@PathParam("id") String id, UserAdministration.UserChange body) {
        return admin.update(actor.get(), userId(id), body, locale());
    }

    @POST
    @Path("/{id}/password")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Reset a password",
            description = "Body {\"password\"?}; without one a password is generated and returned once. Signs the user out everywhere "
                    + "(access tokens and refresh tokens). Audited without the password.")
    @APIResponse(responseCode = "200", description = "{\"generatedPassword\"} when generated, {} otherwise")
    @APIResponse(responseCode = "404", description = "USER_NOT_FOUND", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "422", description = "VALIDATION_FAILED: password too short or too long", content = @Content(mediaType = "application/problem+json"))
    public Response resetPassword(@PathParam("id") String id, PasswordReset body) {
        Optional<String> generated = admin.resetPassword(actor.get(), userId(id), body == null ? null : body.password(), locale());
        return Response.ok(generated.map(p -> Map.of("generatedPassword", p)).orElse(Map.of()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a user who never wrote anything",
            description = "204. A user who authored observations, revisions, conflicts, reports or audited actions is kept: 409 USER_HAS_DATA, disable instead.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "USER_NOT_FOUND", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "409", description = "USER_HAS_DATA or LAST_ADMIN", content = @Content(mediaType = "application/problem+json"))
    public Response delete(@PathParam("id") String id) {
        admin.delete(actor.get(), userId(id));
        return Response.noContent().build();
    }

    @GET
    @Path("/{id}/history")
    @Operation(summary = "Audit history of a user", description = "Creation, name/role/active changes, password resets (never the password), zone assignments: who, when, before/after. Kept after the user is deleted; 404 for an id that never was a user.")
    @APIResponse(responseCode = "404", description = "USER_NOT_FOUND", content = @Content(mediaType = "application/problem+json"))
    public Map<String, List<AuditView>> history(@PathParam("id") String id) {
        return Map.of("items", admin.history(userId(id)).stream().map(AuditView::of).toList());
    }

    private UUID userId(String id) {
        return QueryParams.uuid("id", id, locale());
    }

    private Locale locale() {
        return RequestLocale.from(headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
    }
}
