package mx.implan.brujula.ogc.layers;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import mx.implan.brujula.ogc.CollectionExtents;
import mx.implan.brujula.ogc.OgcCollection;
import mx.implan.brujula.ogc.OgcCollection.Audience;
import mx.implan.brujula.ogc.OgcCollections.CollectionSource;
import mx.implan.brujula.ogc.layers.LayerCollection.Registration;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The registered reference layers as OGC collections. The OGC API asks on every request, so the
 * list is kept until a registration changes here ({@link #changed()}) or {@code brujula.layers.refresh}
 * passes. A registered table that is gone or no longer publishable is left out (and logged), never
 * a failing collection.
 */
@ApplicationScoped
public class PublishedLayers implements CollectionSource {

    private static final Logger LOG = Logger.getLogger(PublishedLayers.class);

    private record Snapshot(List<OgcCollection> collections, Instant at) {
    }

    @Inject
    AgroalDataSource dataSource;
    @Inject
    LayerCatalogue catalogue;
    @Inject
    CollectionExtents extents;
    @Inject
    LayersConfig config;

    private volatile Snapshot snapshot;
    /** Counts changes, so a load that raced with one does not keep what it read before it. */
    private final AtomicLong generation = new AtomicLong();

    @Override
    public List<OgcCollection> collections() {
        Snapshot s = snapshot;
        if (s == null || s.at().plus(config.refresh()).isBefore(Instant.now())) {
            s = load();
        }
        return s.collections();
    }

    /** A registration changed: the next request reads the registry again, and extents are computed afresh. */
    public void changed() {
        generation.incrementAndGet();
        snapshot = null;
        extents.forget();
    }

    private synchronized Snapshot load() {
        Snapshot s = snapshot;
        if (s != null && !s.at().plus(config.refresh()).isBefore(Instant.now())) {
            return s;
        }
        Instant at = Instant.now();
        long seen = generation.get();
        List<Registration> registrations = registrations();
        List<OgcCollection> collections = new ArrayList<>();
        if (!registrations.isEmpty()) {
            Map<String, LayerTable> tables = catalogue.tables().stream().collect(Collectors.toMap(LayerTable::name, Function.identity()));
            for (Registration r : registrations) {
                Optional<OgcCollection> c = Optional.ofNullable(tables.get(r.table())).flatMap(t -> LayerCollection.of(r, t));
                if (c.isPresent()) {
                    collections.add(c.get());
                } else {
                    LOG.warnf("Reference layer %s is not published: table %s.%s is missing or no longer publishable "
                            + "(GET /api/v1/admin/layers says why)", r.id(), LayerCatalogue.SCHEMA, r.table());
                }
            }
        }
        s = new Snapshot(List.copyOf(collections), at);
        if (generation.get() == seen) {
            snapshot = s;
        }
        return s;
    }

    private List<Registration> registrations() {
        String sql = "SELECT id, table_name, title, description, audience, time_column FROM reference_layer ORDER BY id";
        List<Registration> out = new ArrayList<>();
        try (Connection conn = dataSource.getConnection(); PreparedStatement ps = conn.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Registration(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        Audience.valueOf(rs.getString(5)), Optional.ofNullable(rs.getString(6))));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the registered reference layers", e);
        }
        return out;
    }
}
