package mx.implan.brujula.observations;

import mx.implan.brujula.model.observation.Flag;
import mx.implan.brujula.model.observation.Observation;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * An observation to create: the device's content and what the server decided about it. Its status
 * is the kind's initial one and its author writes the first revision.
 *
 * @param contentHash        the content hash of {@code content}, computed once by the caller
 * @param clockOffsetSeconds receivedAt − sentAt when the device clock was off, else null
 * @param receivedAt         when the server received it; null = now
 * @param opId               the device write that creates it (idempotency), or null
 */
public record NewObservation(Observation content, String contentHash, List<Flag> flags, Double areaM2,
                             Long clockOffsetSeconds, String author, OffsetDateTime receivedAt, UUID opId) {
}
