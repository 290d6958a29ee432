package mx.implan.brujula.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import mx.implan.brujula.auth.Actor;
import mx.implan.brujula.auth.CurrentActor;
import mx.implan.brujula.auth.Roles;
import mx.implan.brujula.http.ApiProblem;
import mx.implan.brujula.http.QueryParams;
import mx.implan.brujula.model.Page;
import mx.implan.brujula.model.json.WireJson;
import mx.implan.brujula.model.observation.Observation;
import mx.implan.brujula.observations.ObservationQuery;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Open sync conflicts and their resolution (supervisors: all; others: their own). */
@Path("/api/v1/conflicts")
@Tag(name = "Conflicts", description = "Sync conflicts and their resolution")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.CITIZEN, Roles.INSPECTOR, Roles.SUPERVISOR, Roles.ADMIN})
public class ConflictResource {

    private static final ObjectMapper JSON = WireJson.strict();

    @Inject
    SyncConflicts conflicts;
    @Inject
    ObservationQuery observations;
    @Inject
    SecurityIdentity identity;
    @Inject
    jakarta.ws.rs.core.HttpHeaders headers;

    @GET
    @Transactional(Transactional.TxType.SUPPORTS)
    @Operation(summary = "Open conflicts, oldest first", description = "{items, next}: each with the device's version (mine), the current server copy and the fields both sides changed; next is the cursor of the following page (null on the last).")
    public Page<ConflictView> open(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        int size = QueryParams.limit(limit, 100, 1000, locale());
        Actor actor = actor();
        StringBuilder where = new StringBuilder("resolvedAt is null");
        Map<String, Object> params = new HashMap<>();
        if (!actor.isSupervisor()) {
            where.append(" and author = :author");
            params.put("author", actor.name());
        }
        if (cursor != null && !cursor.isBlank()) {
            ConflictCursor after = ConflictCursor.decode(cursor, locale());
            where.append(" and (createdAt > :at or (createdAt = :at and id > :id))");
            params.put("at", after.createdAt());
            params.put("id", after.id());
        }
        List<SyncConflictEntity> rows = SyncConflictEntity.<SyncConflictEntity>find(where + " order by createdAt, id", params)
                .page(0, size + 1).list();
        String next = rows.size() > size ? new ConflictCursor(rows.get(size - 1).createdAt, rows.get(size - 1).id).encode() : null;
        return new Page<>(rows.stream().limit(size).map(this::view).toList(), next);
    }

    @POST
    @Path("/{id}/resolution")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Resolve a conflict", description = "Body {\"resolution\": \"TAKE_SERVER\" | \"TAKE_MINE\"}. The author or a supervisor.")
    public Observation resolve(@PathParam("id") String id, ResolutionRequest request) {
        UUID conflictId;
        try {
            conflictId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw QueryParams.invalid("id", "INVALID_UUID", locale(), "Must be a UUID");
        }
        if (request == null || request.resolution() == null) {
            throw QueryParams.invalid("resolution", "REQUIRED", locale(), "Required: TAKE_SERVER | TAKE_MINE");
        }
        return conflicts.resolve(actor(), conflictId, request.resolution());
    }

    private ConflictView view(SyncConflictEntity c) {
        Observation current = observations.byId(c.observationId).orElse(null);
        try {
            return new ConflictView(c.id, c.observationId, c.author, c.baseRev, c.serverRev, List.of(c.fields),
                    JSON.readTree(c.mine), current == null ? null : JSON.valueToTree(current), c.createdAt);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Actor actor() {
        return CurrentActor.of(identity);
    }

    private java.util.Locale locale() {
        return mx.implan.brujula.http.RequestLocale.from(headers.getHeaderString(jakarta.ws.rs.core.HttpHeaders.ACCEPT_LANGUAGE));
    }

    public record ResolutionRequest(String resolution) {
    }

    public record ConflictView(UUID id, UUID observationId, String author, long baseRev, long serverRev,
                               List<String> fields, JsonNode mine, JsonNode server, OffsetDateTime createdAt) {
    }
}
