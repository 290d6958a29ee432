package mx.implan.brujula.model.observation;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/**
 * Review marks the server stamps instead of rejecting offline work (checks that need server state).
 * {@link #UNKNOWN} absorbs flags added by a newer server when read with a lenient mapper.
 */
public enum Flag {
    /** capturedAt looked wrong against receivedAt − sentAt and was corrected. */
    CLOCK_SKEW,
    /** Geometry falls outside the municipality's area of interest. */
    OUTSIDE_AOI,
    /** publicWorkId is not in the works catalogue. */
    UNKNOWN_WORK,
    /** Some referenced photos have not been uploaded yet. */
    INCOMPLETE,
    /** A similar open observation exists close by. */
    DUPLICATE_NEARBY,
    /** A citizen report that came with an address only: its point is a placeholder until staff place it. */
    NEEDS_LOCATION,
    @JsonEnumDefaultValue
    UNKNOWN
}
