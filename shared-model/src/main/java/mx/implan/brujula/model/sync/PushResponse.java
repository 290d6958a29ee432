package mx.implan.brujula.model.sync;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Body of the push response: one result per item, in request order. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PushResponse(List<PushResult> results) {

    public PushResponse {
        results = results == null ? List.of() : List.copyOf(results);
    }
}
