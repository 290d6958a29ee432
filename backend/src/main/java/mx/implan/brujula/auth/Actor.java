package mx.implan.brujula.auth;

import java.util.Set;

/**
 * Who performs a write: a signed-in user (name = username) or an import identity such as
 * {@code import:bachometro}. Services take an Actor instead of reading the security context, so
 * the sync API, importers and commands share one code path.
 */
public record Actor(String name, Set<String> roles) {

    public Actor {
        roles = Set.copyOf(roles);
    }

    public static Actor importer(String source) {
        return new Actor("import:" + source, Set.of(Roles.SUPERVISOR));
    }

    public boolean has(String role) {
        return roles.contains(role);
    }

    /**
     * Inspectors, supervisors and admins (importers included): their writes are not rate-limited, since an inspector's
     * offline backlog is legitimate; everybody else writes as a citizen.
     */
    public boolean isStaff() {
        return isSupervisor() || roles.contains(Roles.INSPECTOR);
    }

    /** Supervisors and admins see and triage the whole municipality. */
    public boolean isSupervisor() {
        return roles.contains(Roles.SUPERVISOR) || roles.contains(Roles.ADMIN);
    }
}
