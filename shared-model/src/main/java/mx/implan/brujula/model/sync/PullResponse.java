package mx.implan.brujula.model.sync;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Body of {@code GET /api/v1/sync/pull}; {@code next} is the opaque cursor to send on the next pull. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PullResponse(List<Change> changes, @JsonInclude(JsonInclude.Include.ALWAYS) String next,
                           boolean hasMore) {

    public PullResponse {
        changes = changes == null ? List.of() : List.copyOf(changes);
    }
}
