package mx.implan.brujula.model.sync;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One pulled change. {@code data} stays a tree because its shape depends on {@code type}
 * (an Observation for "observation"; work/zone/assignment shapes belong to the backend); null on REMOVE.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Change(ChangeType type, ChangeOp op, String id, Long rev, JsonNode data) {
}
