package mx.implan.brujula.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.ZoneId;

/** Settings that belong to the whole deployment rather than to one feature. */
@ConfigMapping(prefix = "brujula")
public interface BrujulaConfig {

    /** The municipality's time zone: gives meaning to dates without time and to indicator periods. */
    @WithDefault("America/Hermosillo")
    ZoneId timezone();

    /** Oldest {@code X-Brujula-Client: mobile-app/x.y.z} the API still serves; older clients get 426. */
    @WithDefault("1.0.0")
    String minClientVersion();
}
