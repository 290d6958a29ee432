package mx.implan.brujula.observations;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.core.Response;
import mx.implan.brujula.auth.Actor;

/**
 * One observation written over plain HTTP (POST /observations): the same write path as a push item,
 * which belongs to sync (validation, idempotency, merges). Sync implements it, so observations'
 * routes never depend on sync.
 */
public interface ObservationSubmission {

    /** 201 created, 200 updated/unchanged, or the problem the item met (thrown as an ApiProblem). */
    Response submit(Actor actor, JsonNode item);
}
