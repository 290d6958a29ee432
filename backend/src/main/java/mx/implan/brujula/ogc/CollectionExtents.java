package mx.implan.brujula.ogc;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Each collection's spatial and temporal extent. Computing one reads the whole collection, so it is
 * kept for {@code brujula.ogc.extent-refresh} (metadata for clients to frame a layer, not a filter).
 */
@ApplicationScoped
public class CollectionExtents {

    /** The bounding box in CRS84 and the first and last instants; all empty for an empty collection. */
    public record Extent(Optional<double[]> bbox, Optional<OffsetDateTime> start, Optional<OffsetDateTime> end) {
    }

    private record Cached(Extent extent, Instant at) {
    }

    private final ConcurrentMap<String, Cached> cache = new ConcurrentHashMap<>();

    @Inject
    AgroalDataSource dataSource;
    @ConfigProperty(name = "brujula.ogc.extent-refresh", defaultValue = "PT5M")
    Duration refresh;

    public Extent of(OgcCollection c) {
        Cached cached = cache.get(c.id());
        if (cached != null && cached.at().plus(refresh).isAfter(Instant.now())) {
            return cached.extent();
        }
        Extent extent = compute(c);
        cache.put(c.id(), new Cached(extent, Instant.now()));
        return extent;
    }

    /** Forget the extents (a collection's table changed shape, or a test needs fresh figures). */
    public void forget() {
        cache.clear();
    }

    private Extent compute(OgcCollection c) {
        String t0 = c.time().map(t -> "min(CAST(" + t.start() + " AS timestamptz))").orElse("CAST(NULL AS timestamptz)");
        String t1 = c.time().map(t -> "max(CAST(" + t.end().orElse(t.start()) + " AS timestamptz))").orElse("CAST(NULL AS timestamptz)");
        String sql = "SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e), t0, t1 FROM (SELECT ST_Extent(" + c.geometry()
                + ") AS e, " + t0 + " AS t0, " + t1 + " AS t1 FROM " + c.from() + " WHERE " + c.where() + ") x";
        try (Connection conn = dataSource.getConnection(); PreparedStatement ps = conn.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            Optional<double[]> bbox = rs.getObject(1) == null ? Optional.empty()
                    : Optional.of(new double[]{rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)});
            return new Extent(bbox, Optional.ofNullable(rs.getObject(5, OffsetDateTime.class)),
                    Optional.ofNullable(rs.getObject(6, OffsetDateTime.class)));
        } catch (SQLException e) {
            throw new IllegalStateException("extent of " + c.id(), e);
        }
    }
}
