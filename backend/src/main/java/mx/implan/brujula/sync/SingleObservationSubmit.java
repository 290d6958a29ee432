package mx.implan.brujula.sync;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import mx.implan.brujula.auth.Actor;
import mx.implan.brujula.http.ApiProblem;
import mx.implan.brujula.model.sync.FieldError;
import mx.implan.brujula.http.RequestLocale;
import mx.implan.brujula.model.sync.PushResult;
import mx.implan.brujula.observations.ObservationSubmission;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * One observation over plain HTTP status codes (web forms, scripts, integrations): the same write
 * path as a push item, with the per-item result turned into 201/200 or a problem document.
 */
@ApplicationScoped
public class SingleObservationSubmit implements ObservationSubmission {

    @Inject
    PushService push;
    @Inject
    HttpHeaders headers;

    @Override
    public Response submit(Actor actor, JsonNode item) {
        if (item == null || !item.isObject()) {
            throw new ApiProblem(400, "INVALID_PUSH", "Bad Request", "The body must be one observation object");
        }
        String deviceId = item.hasNonNull("deviceId") ? item.get("deviceId").asText() : "web";
        PushContext ctx = new PushContext(actor, deviceId, null, OffsetDateTime.now(ZoneOffset.UTC),
                RequestLocale.from(headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE)));
        PushResult result = push.pushItem(ctx, item);
        return switch (result.status()) {
            case CREATED -> Response.status(201).type(MediaType.APPLICATION_JSON).entity(result).build();
            case UPDATED, UNCHANGED -> Response.ok(result, MediaType.APPLICATION_JSON).build();
            case CONFLICT -> throw ApiProblem.conflict("EDIT_CONFLICT", "The same fields were changed on the server")
                    .with("server", result.server());
            case REJECTED -> throw rejection(result);
            case FAILED -> throw failure(result);
        };
    }

    /** Nothing was stored; the body names the incident only (its details are in the log). */
    private static ApiProblem failure(PushResult result) {
        String incident = result.errors() == null || result.errors().isEmpty() ? null : result.errors().get(0).incident();
        return new ApiProblem(500, "ITEM_FAILED", "Internal Server Error",
                "This item could not be applied now and nothing of it was stored; send it again later (incident {0})", incident)
                .with("incident", incident);
    }

    private static ApiProblem rejection(PushResult result) {
        List<FieldError> errors = result.errors() == null ? List.of()
                : result.errors().stream().map(e -> new FieldError(e.field(), e.code(), e.message())).toList();
        if (errors.stream().anyMatch(e -> "OP_ID_REUSED".equals(e.code()))) {
            // A client bug (the same opId for another write), not a permission question.
            return new ApiProblem(409, "OP_ID_REUSED", "Conflict", "This opId was already used for another write", errors);
        }
        boolean notAuthor = errors.stream().anyMatch(e -> "NOT_AUTHOR".equals(e.code()));
        if (notAuthor) {
            return new ApiProblem(403, "NOT_AUTHOR", "Forbidden", "Only the author or a supervisor may edit this observation", errors);
        }
        return ApiProblem.validation(errors);
    }
}
