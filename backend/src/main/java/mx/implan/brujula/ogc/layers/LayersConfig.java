package mx.implan.brujula.ogc.layers;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Reference layers ({@code brujula.layers.*}, docs/operations.md). */
@ConfigMapping(prefix = "brujula.layers")
public interface LayersConfig {

    /**
     * How long the published layers are kept before the registry and catalogue are read again. A
     * registration through this instance applies at once; this bounds how late another instance, or
     * a table the GIS team reloaded in place, is seen.
     */
    @WithDefault("PT30S")
    Duration refresh();
}
