package mx.implan.brujula.demo;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/** Demo accounts' settings ({@code brujula.demo.*}); other demo settings may live in their own mapping. */
@ConfigMapping(prefix = "brujula.demo")
public interface DemoUsersConfig {

    /** Password of the demo users ({@code BRUJULA_DEMO_PASSWORD}); absent → a random one, printed once when they are created. */
    Optional<String> password();
}
