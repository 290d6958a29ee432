package mx.implan.brujula.zones;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKBWriter;

import java.util.Objects;

/**
 * The municipality's area of interest. Sync flags an observation {@code OUTSIDE_AOI} when this says
 * it is not covered — a flag for review, never a rejection, because the device may be right (a
 * boundary drawn too tight) or wrong (a bad GPS fix).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class AreaOfInterest {

    @Inject
    EntityManager em;

    /**
     * True when {@code g} lies entirely inside an area of interest (boundary included), or when no
     * area is loaded yet: without a boundary nothing can be called outside it. ST_Covers against the
     * GiST-indexed column lets PostGIS discard by bounding box before the exact test.
     */
    public boolean covers(Geometry g) {
        Objects.requireNonNull(g, "geometry");
        byte[] wkb = new WKBWriter(2).write(g);
        Object result = em.createNativeQuery("""
                        SELECT NOT EXISTS (SELECT 1 FROM area_of_interest)
                            OR EXISTS (SELECT 1 FROM area_of_interest a WHERE ST_Covers(a.geom, ST_GeomFromWKB(:wkb, 4326)))
                        """)
                .setParameter("wkb", wkb)
                .getSingleResult();
        return (Boolean) result;
    }

    public boolean isDefined() {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM area_of_interest").getSingleResult()).longValue() > 0;
    }

    /**
     * Makes the boundary of zone {@code zoneId} (normally the municipality) the only area of
     * interest. Rewrites nothing when it already is; returns whether anything changed.
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public boolean useZone(String zoneId) {
        int removed = em.createNativeQuery("DELETE FROM area_of_interest WHERE id <> :id")
                .setParameter("id", zoneId).executeUpdate();
        int written = em.createNativeQuery("""
                        INSERT INTO area_of_interest AS a (id, name, geom, updated_at)
                        SELECT z.id, z.name, z.geom, now() FROM zone z WHERE z.id = :id
                        ON CONFLICT (id) DO UPDATE SET name = excluded.name, geom = excluded.geom, updated_at = now()
                            WHERE a.name IS DISTINCT FROM excluded.name OR NOT ST_OrderingEquals(a.geom, excluded.geom)
                        """)
                .setParameter("id", zoneId).executeUpdate();
        if (written == 0 && !isDefined()) {
            throw new IllegalArgumentException("zone " + zoneId + " does not exist");
        }
        return removed + written > 0;
    }
}
