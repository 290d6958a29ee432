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
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import mx.implan.brujula.auth.Actor;
import mx.implan.brujula.auth.AppUser;
import mx.implan.brujula.auth.AuthConfig;
import mx.implan.brujula.auth.CurrentActor;
import mx.implan.brujula.auth.Roles;
import mx.implan.brujula.auth.UserInfo;
import mx.implan.brujula.auth.UserService;
import mx.implan.brujula.auth.token.TokenService;
import mx.implan.brujula.http.ApiProblem;
import mx.implan.brujula.http.ClientAddress;
import mx.implan.brujula.model.sync.FieldError;
import mx.implan.brujula.http.ProblemMessages;
import mx.implan.brujula.http.RequestLocale;
import mx.implan.brujula.limits.LoginBackoff;
import mx.implan.brujula.limits.RateLimiter;
import mx.implan.brujula.limits.TooManyRequests;
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

    @Inject
    ClientAddress clientAddress;

    @Inject
    RateLimiter limits;

    @Inject
    LoginBackoff backoff;

    @Inject
    AuthConfig config;

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
    @APIResponse(responseCode = "404", description = "EMBEDDED_LOGIN_DISABLED: this deployment signs in with an external OIDC provider",
            content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "429", description = "RATE_LIMITED: too many sign-ins from this address; LOGIN_BACKOFF: too many failures of this user from this address. Retry-After says how many seconds to wait.",
            content = @Content(mediaType = "application/problem+json"))
    public Response token(TokenRequest request, HttpHeaders headers, @Context HttpServerRequest http) {
        requireEmbedded();
        Locale locale = locale(headers);
        List<FieldError> errors = new ArrayList<>();
        requireText(request == null ? null : request.username(), "username", locale, errors);
        requireText(request == null ? null : request.password(), "password", locale, errors);
        if (!errors.isEmpty()) {
            throw ApiProblem.validation(errors);
        }
        String address = clientAddress.of(http);
        limits.login(address).ifPresent(wait -> {
            throw TooManyRequests.rateLimited(wait);
        });
        // The back-off counts usernames as sign-in compares them.
        String who = AppUser.normalize(request.username());
        backoff.waitFor(who, address).ifPresent(wait -> {
            throw TooManyRequests.loginBackoff(wait);
        });
        TokenService.TokenPair pair;
        try {
            pair = tokens.login(request.username(), request.password());
        } catch (ApiProblem refused) {
            if (refused.status() == 401) {
                backoff.failed(who, address);
            }
            throw refused;
        }
        backoff.succeeded(who, address);
        return noStore(pair);
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
        requireEmbedded();
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
        Actor caller = actor.get();
        if (config.oidc().enabled()) {
            // The provider owns the account: what we know is what its token says.
            return new UserInfo(caller.name(), topRole(caller), null);
        }
        return users.findByUsername(caller.name())
                .map(UserInfo::of)
                .orElseThrow(() -> new UnauthorizedException("User no longer exists"));
    }

    /** With an external OIDC provider, tokens come from it: the embedded sign-in is not there. */
    private void requireEmbedded() {
        if (config.oidc().enabled()) {
            String issuer = config.oidc().issuer().orElse("");
            throw ApiProblem.notFound("EMBEDDED_LOGIN_DISABLED", "Sign in with the identity provider {0}", issuer)
                    .with("issuer", issuer);
        }
    }

    /** The caller's most powerful known role (a provider may hand out several). */
    private static String topRole(Actor caller) {
        for (String role : new String[]{Roles.ADMIN, Roles.SUPERVISOR, Roles.INSPECTOR, Roles.CITIZEN}) {
            if (caller.has(role)) {
                return role;
            }
        }
        return null;
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
