package mx.implan.brujula.app.journal;

import org.locationtech.jts.geom.Geometry;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A public work the inspector is assigned (a work inside one of their zones), as delivered by pull.
 * Progress fields are the last reported values known to the device; null when none.
 */
public record AssignedWork(UUID id, String code, String name, String status, Geometry geometry,
                           Integer lastProgressPercent, String lastStage, OffsetDateTime lastReportedAt) {
}
