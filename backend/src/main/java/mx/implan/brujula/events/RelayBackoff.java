package mx.implan.brujula.events;

import java.time.Duration;

/** The relay's back-off after a failed batch: doubles, never past the maximum. */
final class RelayBackoff {

    private RelayBackoff() {
    }

    static Duration next(Duration current, Duration max) {
        Duration doubled = current.multipliedBy(2);
        return doubled.compareTo(max) > 0 ? max : doubled;
    }
}
