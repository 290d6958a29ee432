package mx.implan.brujula.demo;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** Demo data settings ({@code brujula.demo.*}). */
@ConfigMapping(prefix = "brujula.demo")
public interface DemoConfig {

    /** Load the Hermosillo demo data on start ({@code BRUJULA_DEMO=true}; only {@code ./brujula run} sets it). */
    @WithDefault("false")
    boolean enabled();

    /**
     * Whether the demo includes the 18,747 Bachómetro reports ({@code BRUJULA_DEMO_REPORTS}); false keeps
     * users, zones, works and the census figures only, which start in seconds.
     */
    @WithDefault("true")
    boolean reports();

    /** Password of the demo users ({@code BRUJULA_DEMO_PASSWORD}); absent → a random one, printed once when they are created. */
    Optional<String> password();
}
