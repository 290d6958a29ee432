package mx.implan.brujula.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import mx.implan.brujula.auth.Actor;
import mx.implan.brujula.auth.CurrentActor;
import mx.implan.brujula.auth.Roles;
import mx.implan.brujula.http.ApiProblem;
import mx.implan.brujula.model.sync.FieldError;
import mx.implan.brujula.http.QueryParams;
import mx.implan.brujula.http.RequestLocale;
import mx.implan.brujula.limits.RateLimiter;
import mx.implan.brujula.limits.TooManyRequests;
import mx.implan.brujula.model.json.WireJson;
import mx.implan.brujula.model.sync.PullResponse;
import mx.implan.brujula.model.sync.PushResponse;
import mx.implan.brujula.model.validation.ObservationValidator;
import mx.implan.brujula.model.validation.Violation;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.IOException;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Device sync: push journal writes, pull changes since a cursor. */
@Path("/api/v1/sync")
@Tag(name = "Sync", description = "Device push and pull")
@SecurityRequirement(name = "jwt")
@RolesAllowed({Roles.CITIZEN, Roles.INSPECTOR, Roles.SUPERVISOR, Roles.ADMIN})
public class SyncResource {

    private static final ObjectMapper JSON = WireJson.strict();

    @Inject
    PushService pushService;
    @Inject
    PullService pullService;
    @Inject
    SyncConfig config;
    @Inject
    SecurityIdentity identity;
    @Inject
    HttpHeaders headers;
    @Inject
    RateLimiter limits;

    @POST
    @Path("/push")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Push journal writes", description = "Per-item results in request order: CREATED, UPDATED, UNCHANGED, CONFLICT, REJECTED or FAILED (not applied now, nothing stored: send again later). 413 names maxItems or maxBytes. Citizens' pushes share the report rate limit: items past it are FAILED with RATE_LIMITED, and a push that can write nothing is 429 with Retry-After. A citizen's item citing a photo stored from someone else's upload is REJECTED with PHOTO_NOT_YOURS at photos[i].sha256 (a hash not uploaded yet is accepted). 503 DATABASE_UNAVAILABLE with Retry-After, for the whole push, when the database cannot be reached.")
    public PushResponse push(InputStream body) throws IOException {
        byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, config.maxBytes() + 1));
        if (bytes.length > config.maxBytes()) {
            throw ApiProblem.tooLarge("maxBytes", config.maxBytes());
        }
        JsonNode root = JSON.readTree(bytes);
        Locale locale = RequestLocale.from(headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
        List<Violation> envelope = ObservationValidator.validatePushEnvelope(root);
        if (!envelope.isEmpty()) {
            throw new ApiProblem(400, "INVALID_PUSH", "Bad Request", "The push does not have the expected shape",
                    envelope.stream().map(v -> new FieldError(v.field(), v.code(), v.message(locale))).toList());
        }
        JsonNode items = root.get("items");
        if (items.size() > config.maxItems()) {
            throw ApiProblem.tooLarge("maxItems", config.maxItems());
        }
        List<JsonNode> list = new ArrayList<>(items.size());
        items.forEach(list::add);
        OffsetDateTime sentAt = root.hasNonNull("sentAt") ? OffsetDateTime.parse(root.get("sentAt").asText()) : null;
        Actor actor = actor();
        PushContext ctx = new PushContext(actor, root.get("deviceId").asText(), sentAt,
                OffsetDateTime.now(ZoneOffset.UTC), locale);
        return new PushResponse(pushService.push(ctx, list, budget(actor, list.isEmpty())));
    }

    /**
     * Citizens' writes count against the report limit whatever the route (one per item); inspectors', supervisors'
     * and admins' pushes are unlimited: their offline backlog is legitimate. A push that cannot write even its
     * first item is refused as a whole (429, Retry-After); one that runs out midway answers the rest FAILED.
     */
    private WriteBudget budget(Actor actor, boolean empty) {
        if (empty || actor.isStaff()) {
            return WriteBudget.UNLIMITED;
        }
        String key = "account:" + actor.name();
        limits.report(key).ifPresent(wait -> {
            throw TooManyRequests.rateLimited(wait);
        });
        return WriteBudget.afterFirst(() -> limits.report(key));
    }

    @GET
    @Path("/pull")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Pull changes after a cursor", description = "Observations you may read, works and zones. 410 when the cursor is from another sync epoch.")
    public PullResponse pull(@QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        int size = QueryParams.limit(limit, config.pullDefaultLimit(), config.pullMaxLimit(), locale());
        return pullService.pull(actor(), cursor, size);
    }

    private Actor actor() {
        return CurrentActor.of(identity);
    }

    private Locale locale() {
        return RequestLocale.from(headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
    }
}
