package mx.implan.brujula.app.device;

import java.time.Instant;

/**
 * One position reading.
 *
 * @param accuracyM horizontal accuracy in metres; null when the source does not say (Attach's Position has none)
 */
public record Fix(double latitude, double longitude, Double accuracyM, Instant at) {
}
