package mx.implan.brujula.observations;

import mx.implan.brujula.model.observation.Flag;
import mx.implan.brujula.model.observation.Observation;

import java.util.List;

/**
 * New device-owned content of an existing observation and what the server decided about it: the
 * flags it carries from now on, its area and the clock offset to keep.
 */
public record ContentChange(Observation content, String contentHash, List<Flag> flags, Double areaM2,
                            Long clockOffsetSeconds) {
}
