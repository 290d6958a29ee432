package mx.implan.brujula.model.sync;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import mx.implan.brujula.model.observation.Flag;
import mx.implan.brujula.model.observation.Observation;

/**
 * Result for one pushed item, in request order. {@code server} is the server's copy when the device needs it
 * (merged copy on UPDATED after a merge, server copy on CONFLICT); {@code missingPhotos} lists hashes to upload.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PushResult(UUID id, UUID opId, PushStatus status, Long rev, List<String> missingPhotos,
                         List<Flag> flags, List<FieldError> errors, Observation server) {

    public PushResult {
        missingPhotos = copy(missingPhotos);
        flags = copy(flags);
        errors = copy(errors);
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? null : Collections.unmodifiableList(new ArrayList<>(list));
    }

    /** A structurally invalid item; {@code id}/{@code opId} may be null when they were unreadable. */
    public static PushResult rejected(UUID id, UUID opId, List<FieldError> errors) {
        return new PushResult(id, opId, PushStatus.REJECTED, null, null, null, errors, null);
    }

    /** Not applied now, nothing stored: the device keeps the write and sends it again later. */
    public static PushResult failed(UUID id, UUID opId, List<FieldError> errors) {
        return new PushResult(id, opId, PushStatus.FAILED, null, null, null, errors, null);
    }

    public static PushResult conflict(UUID id, UUID opId, Observation server) {
        return new PushResult(id, opId, PushStatus.CONFLICT, server == null ? null : server.rev(), null,
                server == null ? null : server.flags(), null, server);
    }
}
