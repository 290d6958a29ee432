package mx.implan.brujula.app.device;

import java.util.Optional;

/**
 * Where the device is. The capture screen asks for a reading when it opens and each time the user adds a
 * vertex while walking a line or a polygon; manual entry (tapping the map) does not go through here.
 */
public interface PositionSource {

    /** The latest reading; empty while the receiver has no fix (or the user denied location access). */
    Optional<Fix> current();

    /** Short description for the settings/about text, e.g. "GPS simulado (punto fijo)". */
    String describe();
}
