package mx.implan.brujula.observations;

import mx.implan.brujula.model.observation.Flag;
import mx.implan.brujula.model.observation.Observation;

import java.util.List;
import java.util.UUID;

/** The current state of an observation as read for a write: the wire record plus the server fields it does not carry. */
public record StoredObservation(Observation observation, String contentHash, Long clockOffsetSeconds) {

    public UUID id() {
        return observation.id();
    }

    public long rev() {
        return observation.rev();
    }

    public String author() {
        return observation.author();
    }

    public List<Flag> flags() {
        return observation.flags();
    }
}
