package mx.implan.brujula.demo;

import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import mx.implan.brujula.auth.AppUser;
import mx.implan.brujula.auth.GeneratedPassword;
import mx.implan.brujula.auth.Roles;
import mx.implan.brujula.auth.UserService;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One demo account per role, so a fresh installation can be tried at once. Missing accounts are
 * created; existing ones are left untouched (their passwords are never reset or printed again).
 */
@ApplicationScoped
// Kept even while nothing injects it, so its config mapping (brujula.demo.password) stays registered.
@Unremovable
public class DemoUsers {

    private static final Logger LOG = Logger.getLogger(DemoUsers.class);
    /** Serializes two instances loading demo data at once; any constant distinct from other advisory locks. */
    private static final long DEMO_USERS_LOCK = 0x6272756a_64656d6fL;

    static final Map<String, String> USERS = new LinkedHashMap<>();

    static {
        USERS.put("admin", Roles.ADMIN);
        USERS.put("supervisor", Roles.SUPERVISOR);
        USERS.put("inspector", Roles.INSPECTOR);
        USERS.put("ciudadano", Roles.CITIZEN);
    }

    @Inject
    UserService users;

    @Inject
    EntityManager em;

    @Inject
    DemoConfig config;

    /** Creates the demo users that do not exist yet. */
    @Transactional
    public void ensure() {
        ensure(config.password().filter(p -> !p.isBlank()));
    }

    /** Returns the generated password when one was made (only when users were created without a configured one). */
    @Transactional
    Optional<String> ensure(Optional<String> password) {
        em.createNativeQuery("SELECT pg_advisory_xact_lock(" + DEMO_USERS_LOCK + ")").getSingleResult();
        List<String> missing = new ArrayList<>();
        USERS.keySet().forEach(name -> {
            if (!AppUser.existsByUsername(name)) {
                missing.add(name);
            }
        });
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        // Read off a console and typed on a tablet: GeneratedPassword avoids look-alike characters.
        String secret = password.orElseGet(() -> GeneratedPassword.random(16));
        for (String name : missing) {
            users.create(name, USERS.get(name), secret, displayName(name));
        }
        if (password.isPresent()) {
            LOG.infof("Demo users created: %s (password from brujula.demo.password)", String.join(", ", missing));
            return Optional.empty();
        }
        // Printed exactly once: the hash is all that is kept, so this is the only chance to read it.
        LOG.warnf("Demo users created: %s. Their password is: %s  (shown only now; set BRUJULA_DEMO_PASSWORD to choose it)",
                String.join(", ", missing), secret);
        return Optional.of(secret);
    }

    private static String displayName(String username) {
        return switch (username) {
            case "admin" -> "Administración (demo)";
            case "supervisor" -> "Supervisión (demo)";
            case "inspector" -> "Inspector de campo (demo)";
            default -> "Ciudadano (demo)";
        };
    }
}
