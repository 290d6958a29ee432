package mx.implan.brujula.zones;

import java.util.List;

/** CDI event fired in the transaction that created or rewrote zones (observed after it commits, e.g. to drop cached tiles). */
public record ZonesChanged(List<String> zoneIds) {
}
