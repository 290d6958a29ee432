package mx.implan.brujula.ogc.tiles;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import mx.implan.brujula.events.ChangeLog;
import mx.implan.brujula.events.DomainEvent;
import mx.implan.brujula.events.EventProjector;
import mx.implan.brujula.events.ReferenceEvents;
import mx.implan.brujula.model.observation.ObservationKind;
import mx.implan.brujula.zones.ZonesChanged;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Keeps the tile cache true to the data: an observation's event evicts, at every zoom, the tiles
 * of its collection (and of the staff collection {@code observations}) that hold its new position
 * and every position and kind it had before (its earlier revisions), so a moved point leaves its old
 * tiles too. A {@code work.upserted} event evicts {@code works-progress} (its features name the
 * work's code); a zone reload evicts {@code zones}. Collections whose content other consumers
 * derive on their own schedule are not cached at all ({@link #caches}).
 */
@ApplicationScoped
public class TileInvalidation implements EventProjector {

    public static final String NAME = "tiles";

    /** The collection of each kind's observations. */
    static final Map<String, String> BY_KIND = Map.of(
            ObservationKind.RISK.name(), "risks",
            ObservationKind.URBAN_IMAGE.name(), "urban-image",
            ObservationKind.GREEN_AREA.name(), "green-areas",
            ObservationKind.WORKS_PROGRESS.name(), "works-progress");
    static final String ALL_OBSERVATIONS = "observations";
    static final String ZONES = "zones";
    private static final Set<String> CACHED = Set.of("risks", "urban-image", "green-areas", "works-progress", ALL_OBSERVATIONS, ZONES);

    /** Every revision's kind and the box of its geometries, by kind. */
    private static final String HISTORY = """
            SELECT kind, ST_XMin(box), ST_YMin(box), ST_XMax(box), ST_YMax(box)
            FROM (SELECT doc->>'kind' AS kind, ST_Extent(ST_GeomFromGeoJSON(doc->'geometry')) AS box
                  FROM observation_revision WHERE observation_id = ? AND doc->'geometry' IS NOT NULL GROUP BY doc->>'kind') h
            WHERE box IS NOT NULL""";

    @Inject
    TileCache cache;
    @Inject
    AgroalDataSource dataSource;

    /**
     * Properties of the collection that another consumer derives after the observation's event (the
     * zone, from the indicators projector): tiles leave them out, or a tile cached in between would
     * keep the old value.
     */
    public static java.util.List<String> derivedProperties(String collection) {
        return BY_KIND.containsValue(collection) || ALL_OBSERVATIONS.equals(collection) ? java.util.List.of("zone") : java.util.List.of();
    }

    /** Whether the tiles of the collection are kept: only those whose every change reaches {@link #apply}. */
    public static boolean caches(String collection) {
        return CACHED.contains(collection);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean accepts(DomainEvent event) {
        return ChangeLog.OBSERVATION.equals(event.aggregateType()) || ReferenceEvents.WORK_UPSERTED.equals(event.type());
    }

    @Override
    public void apply(DomainEvent event) {
        if (ReferenceEvents.WORK_UPSERTED.equals(event.type())) {
            cache.evictAll(BY_KIND.get(ObservationKind.WORKS_PROGRESS.name()));
            return;
        }
        JsonNode data = event.data();
        if (data != null) {
            Box.of(data.path("geometry")).ifPresent(b -> evict(data.path("kind").asText(), b));
        }
        UUID id;
        try {
            id = UUID.fromString(event.aggregateId());
        } catch (IllegalArgumentException e) {
            return;
        }
        try (Connection conn = dataSource.getConnection(); PreparedStatement ps = conn.prepareStatement(HISTORY)) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    evict(rs.getString(1), new Box(rs.getDouble(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the observation's earlier positions failed", e);
        }
    }

    void zonesChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) ZonesChanged changed) {
        cache.evictAll(ZONES);
    }

    private void evict(String kind, Box b) {
        String collection = BY_KIND.get(kind);
        if (collection != null) {
            cache.evict(collection, b.minLon(), b.minLat(), b.maxLon(), b.maxLat());
        }
        cache.evict(ALL_OBSERVATIONS, b.minLon(), b.minLat(), b.maxLon(), b.maxLat());
    }

    /** A geometry's box in degrees. */
    record Box(double minLon, double minLat, double maxLon, double maxLat) {

        static java.util.Optional<Box> of(JsonNode geometry) {
            double[] b = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
            walk(geometry.path("coordinates"), b);
            for (JsonNode g : geometry.path("geometries")) {
                walk(g.path("coordinates"), b);
            }
            return b[0] > b[2] ? java.util.Optional.empty() : java.util.Optional.of(new Box(b[0], b[1], b[2], b[3]));
        }

        private static void walk(JsonNode coordinates, double[] b) {
            if (!coordinates.isArray() || coordinates.isEmpty()) {
                return;
            }
            if (coordinates.get(0).isNumber() && coordinates.size() >= 2) {
                double lon = coordinates.get(0).asDouble();
                double lat = coordinates.get(1).asDouble();
                b[0] = Math.min(b[0], lon);
                b[1] = Math.min(b[1], lat);
                b[2] = Math.max(b[2], lon);
                b[3] = Math.max(b[3], lat);
                return;
            }
            coordinates.forEach(c -> walk(c, b));
        }
    }
}
