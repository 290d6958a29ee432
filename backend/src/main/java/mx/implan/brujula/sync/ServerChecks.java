package mx.implan.brujula.sync;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import mx.implan.brujula.model.observation.Flag;
import mx.implan.brujula.model.observation.Observation;
import mx.implan.brujula.model.observation.ObservationKind;
import mx.implan.brujula.observations.ObservationMapper;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.WKBWriter;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Checks that depend on server state (area of interest, works catalogue, clocks). They never
 * reject: offline work is stored with flags for review. One query answers the spatial and
 * catalogue questions and computes a green area's surface on the ellipsoid.
 */
@ApplicationScoped
public class ServerChecks {

    @Inject
    EntityManager em;
    @Inject
    SyncConfig config;

    public record Outcome(List<Flag> flags, Double areaM2, Long clockOffsetSeconds) {
    }

    public Outcome check(Observation o, OffsetDateTime sentAt, OffsetDateTime receivedAt) {
        List<Flag> flags = new ArrayList<>();
        UUID workId = ObservationMapper.publicWorkId(o);
        boolean isWork = o.kind() == ObservationKind.WORKS_PROGRESS;
        boolean wantsArea = o.kind() == ObservationKind.GREEN_AREA && o.geometry() instanceof Polygon;
        Object[] row = (Object[]) em.createNativeQuery("""
                        SELECT (NOT EXISTS (SELECT 1 FROM area_of_interest)
                                OR EXISTS (SELECT 1 FROM area_of_interest a WHERE ST_Intersects(a.geom, g.geom))),
                               (?2 = '' OR EXISTS (SELECT 1 FROM public_work w WHERE w.id = CAST(NULLIF(?2, '') AS uuid))),
                               CASE WHEN ?3 THEN ST_Area(g.geom::geography) END
                        FROM (SELECT ST_SetSRID(ST_GeomFromWKB(?1), 4326) AS geom) g""")
                .setParameter(1, new WKBWriter(2).write(o.geometry()))
                .setParameter(2, workId == null ? "" : workId.toString())
                .setParameter(3, wantsArea)
                .getSingleResult();
        if (!Boolean.TRUE.equals(row[0])) {
            flags.add(Flag.OUTSIDE_AOI);
        }
        if (isWork && (workId == null || !Boolean.TRUE.equals(row[1]))) {
            flags.add(Flag.UNKNOWN_WORK);
        }
        Long offset = clockOffset(o, sentAt, receivedAt, flags);
        Double area = row[2] == null ? null : ((Number) row[2]).doubleValue();
        return new Outcome(flags, area, offset);
    }

    /** receivedAt − sentAt when the device clock is off; also flags a capturedAt in the future. */
    private Long clockOffset(Observation o, OffsetDateTime sentAt, OffsetDateTime receivedAt, List<Flag> flags) {
        Duration tolerance = config.clockSkewTolerance();
        Duration offset = sentAt == null ? Duration.ZERO : Duration.between(sentAt, receivedAt);
        boolean deviceClockOff = offset.abs().compareTo(tolerance) > 0;
        OffsetDateTime corrected = deviceClockOff ? o.capturedAt().plus(offset) : o.capturedAt();
        boolean capturedInFuture = corrected.isAfter(receivedAt.plus(tolerance));
        if (deviceClockOff || capturedInFuture) {
            flags.add(Flag.CLOCK_SKEW);
        }
        return deviceClockOff ? offset.getSeconds() : null;
    }
}
