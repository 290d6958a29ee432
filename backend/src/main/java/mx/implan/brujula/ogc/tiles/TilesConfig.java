package mx.implan.brujula.ogc.tiles;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Set;

/** Vector tiles of the OGC API collections (docs/ogc-tiles.md). */
@ConfigMapping(prefix = "brujula.tiles")
public interface TilesConfig {

    /**
     * Below this zoom the point collections in {@link #clusteredCollections()} are served as clusters
     * with counts. 16: at zoom 14 and 15 a dense city has thousands of points per tile (megabytes,
     * hundreds of milliseconds); at 16 about 500 (docs/benchmarks.md, "Vector tiles").
     */
    @WithDefault("16")
    int clusterBelowZoom();

    /** Cluster cells per tile side: 32 gives cells of 128 of the tile's 4096 units (about 16 screen pixels). */
    @WithDefault("32")
    int clusterCells();

    /** The collections whose points are clustered at low zoom (dense point layers). */
    @WithDefault("risks,urban-image,green-areas,works-progress,observations")
    Set<String> clusteredCollections();

    /** Bytes of compressed tiles kept in memory; the least used go first. */
    @WithDefault("67108864")
    long cacheMaxBytes();

    /** How long browsers and proxies may keep a public collection's tile ({@code Cache-Control: public, max-age}). */
    @WithDefault("PT60S")
    Duration publicMaxAge();

    /** The highest zoom a TileJSON announces (tiles are served up to zoom 22 whatever this says). */
    @WithDefault("20")
    int maxZoom();
}
