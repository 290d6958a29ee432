package mx.implan.brujula.ogc.tiles;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Rendered tiles in memory, bounded by their compressed size (least used go first) and kept until
 * a change evicts them — the events of the observations, works and zones they show
 * ({@link TileInvalidation}), never a time-to-live.
 *
 * <p>A tile rendered while a change commits could reach the cache after that change's eviction and
 * hide it: every eviction bumps a generation, and a tile whose rendering began before the latest
 * eviction of its collection is served but not kept.
 */
@ApplicationScoped
public class TileCache {

    record Key(String collection, int z, int x, int y) {
    }

    private final Cache<Key, RenderedTile> tiles;
    private final java.util.concurrent.ConcurrentHashMap<String, AtomicLong> generations = new java.util.concurrent.ConcurrentHashMap<>();

    @Inject
    public TileCache(TilesConfig config) {
        tiles = Caffeine.newBuilder().maximumWeight(config.cacheMaxBytes())
                .weigher((Key k, RenderedTile t) -> t.gzipped().length + 200).build();
    }

    /** The cached tile if it was rendered for this base URL, else renders it, keeping it unless evicted meanwhile. */
    RenderedTile get(String collection, TileAddress t, String base, Supplier<RenderedTile> render) {
        if (!TileInvalidation.caches(collection)) {
            return render.get();
        }
        Key key = new Key(collection, t.z(), t.x(), t.y());
        RenderedTile cached = tiles.getIfPresent(key);
        if (cached != null && cached.base().equals(base)) {
            return cached;
        }
        long generation = generation(collection).get();
        RenderedTile fresh = render.get();
        tiles.asMap().compute(key, (k, old) -> generation(collection).get() == generation ? fresh : old);
        return fresh;
    }

    /** Forgets the tiles, at every zoom, that may show something inside the box (degrees, EPSG:4326). */
    public void evict(String collection, double minLon, double minLat, double maxLon, double maxLat) {
        generation(collection).incrementAndGet();
        for (TileAddress t : TileAddress.covering(minLon, minLat, maxLon, maxLat)) {
            if (t.wholeZoom()) {
                tiles.asMap().keySet().removeIf(k -> k.collection().equals(collection) && k.z() == t.z());
            } else {
                tiles.invalidate(new Key(collection, t.z(), t.x(), t.y()));
            }
        }
    }

    /** Forgets every tile of the collection. */
    public void evictAll(String collection) {
        generation(collection).incrementAndGet();
        tiles.asMap().keySet().removeIf(k -> k.collection().equals(collection));
    }

    Optional<RenderedTile> peek(String collection, TileAddress t) {
        return Optional.ofNullable(tiles.getIfPresent(new Key(collection, t.z(), t.x(), t.y())));
    }

    private AtomicLong generation(String collection) {
        return generations.computeIfAbsent(collection, c -> new AtomicLong());
    }
}
