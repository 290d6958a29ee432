package mx.implan.brujula.model.sync;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.List;
import mx.implan.brujula.model.observation.Observation;

/**
 * Body of {@code POST /api/v1/sync/push}. {@code sentAt} is the device clock at send time; with the
 * server's receive time it lets the server detect clock skew. The server reads items as a tree first
 * (see {@code ObservationValidator}) so one malformed item cannot fail the batch.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PushRequest(String deviceId, OffsetDateTime sentAt, List<Observation> items) {

    public PushRequest {
        items = items == null ? null : List.copyOf(items);
    }
}
