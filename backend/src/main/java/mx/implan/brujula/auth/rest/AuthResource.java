package mx.implan.brujula.auth.rest;

import io.quarkus.security.Authenticated;
import io.quarkus.security.UnauthorizedException;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import mx.implan.brujula.auth.CurrentActor;
import mx.implan.brujula.auth.UserInfo;
import mx.implan.brujula.auth.UserService;
import mx.implan.brujula.auth.token.TokenService;
import mx.implan.brujula.http.ApiProblem;
import mx.implan.brujula.http.FieldError;
import mx.implan.brujula.http.ProblemMessages;
import mx.implan.brujula.http.RequestLocale;
import mx.implan.brujula.model.auth.RefreshRequest;
import mx.implan.brujula.model.auth.TokenRequest;
import mx.implan.brujula.model.auth.TokenResponse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Sign-in for the embedded identity provider: password → token pair, refresh, and who am I. */
@Path("/api/v1/auth")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Authentication", description = "Sign-in and tokens")
public class AuthResource {

    @Inject
    TokenService tokens;

    @Inject
    UserService users;

    @Inject
    CurrentActor actor;

    @POST
    @Path("/token")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Sign in with username and password",
            description = "Returns a JWT access token (Bearer) and a single-use refresh token.")
    @APIResponse(responseCode = "200", description = "Signed in",
            content = @Content(schema = @Schema(implementation = TokenResponse.class)))
    @APIResponse(responseCode = "401", description = "INVALID_CREDENTIALS: unknown user, wrong password or disabled account",
            content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "422", description = "VALIDATION_FAILED: username or password missing",
            content = @Content(mediaType = "application/problem+json"))
    public Response token(TokenRequest request, HttpHeaders headers) {
        Locale locale = locale(headers);
        List<FieldError> errors = new ArrayList<>();
        requireText(request == null ? null : request.username(), "username", locale, errors);
        requireText(request == null ? null : request.password(), "password", locale, errors);
        if (!errors.isEmpty()) {
            throw ApiProblem.validation(errors);
        }
        return noStore(tokens.login(request.username(), request.password()));
    }

    @POST
    @Path("/refresh")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Exchange a refresh token for a new token pair",
            description = "Each refresh token works once. Presenting a used one revokes every token of its sign-in.")
    @APIResponse(responseCode = "200", description = "New pair; the presented refresh token is now used",
            content = @Content(schema = @Schema(implementation = TokenResponse.class)))
    @APIResponse(responseCode = "401", description = "INVALID_REFRESH_TOKEN: unknown, expired, revoked or already used",
            content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "422", description = "VALIDATION_FAILED: refreshToken missing",
            content = @Content(mediaType = "application/problem+json"))
    public Response refresh(RefreshRequest request, HttpHeaders headers) {
        List<FieldError> errors = new ArrayList<>();
        requireText(request == null ? null : request.refreshToken(), "refreshToken", locale(headers), errors);
        if (!errors.isEmpty()) {
            throw ApiProblem.validation(errors);
        }
        return noStore(tokens.refresh(request.refreshToken()));
    }

    @GET
    @Path("/me")
    @Authenticated
    @Operation(summary = "The signed-in user")
    @APIResponse(responseCode = "200", description = "Username, role and display name",
            content = @Content(schema = @Schema(implementation = UserInfo.class)))
    @APIResponse(responseCode = "401", description = "UNAUTHENTICATED: missing, invalid, expired or revoked token",
            content = @Content(mediaType = "application/problem+json"))
    public UserInfo me() {
        return users.findByUsername(actor.get().name())
                .map(UserInfo::of)
                .orElseThrow(() -> new UnauthorizedException("User no longer exists"));
    }

    /** Token answers must never be cached by a proxy or browser (RFC 6749 §5.1). */
    private static Response noStore(TokenService.TokenPair pair) {
        return Response.ok(new TokenResponse(pair.accessToken(), pair.refreshToken(), pair.expiresIn()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Pragma", "no-cache")
                .build();
    }

    private static void requireText(String value, String field, Locale locale, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "REQUIRED", ProblemMessages.detail("REQUIRED", locale, "Required", field)));
        }
    }

    private static Locale locale(HttpHeaders headers) {
        return RequestLocale.from(headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
    }
}
