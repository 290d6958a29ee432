package mx.implan.brujula.assignments;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import mx.implan.brujula.audit.AuditTrail;
import mx.implan.brujula.auth.Actor;
import mx.implan.brujula.auth.AppUser;
import mx.implan.brujula.auth.Roles;
import mx.implan.brujula.events.InspectorFeed;
import mx.implan.brujula.http.ApiProblem;
import mx.implan.brujula.model.sync.FieldError;
import mx.implan.brujula.http.ProblemMessages;
import mx.implan.brujula.works.PublicWorkCatalogue;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Inspectors' zone assignments (AGEBs and localities). Replacing a set writes the rows, the audit
 * entry and the inspector's pull feed (zones, assignments, the works gained and lost) in one
 * transaction. An inspector's assignments are the public works inside their zones.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class Assignments {

    /** More zones than a municipality has AGEBs and localities is a mistake, not an assignment. */
    public static final int MAX_ZONES = 1_000;

    @Inject
    EntityManager em;
    @Inject
    InspectorFeed feed;
    @Inject
    AuditTrail audit;
    @Inject
    PublicWorkCatalogue works;
    @Inject
    ObjectMapper json;

    /** One assigned zone as the API and pull show it. */
    public record AssignedZone(String zoneId, String type, String name, String parentId, Integer population,
                               OffsetDateTime assignedAt, String assignedBy) {
    }

    /** A user's assignment set. */
    public record AssignmentSet(UUID userId, String username, String role, List<AssignedZone> zones) {
    }

    /** What a signed-in user works on: their zones and the works inside them ({@code MUNICIPALITY}: everything). */
    public record MyAssignments(String scope, List<AssignedZone> zones, List<ObjectNode> works) {
    }

    public AssignmentSet of(UUID userId) {
        AppUser user = requireUser(userId);
        return new AssignmentSet(user.id, user.username, user.role, zones(user.id));
    }

    /**
     * Replaces the zones of an inspector. Unknown or non-assignable zones → 422 naming
     * {@code zones[i]}; a user who is not an inspector → 409 {@code NOT_AN_INSPECTOR}.
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public AssignmentSet replace(Actor actor, UUID userId, List<String> requested, Locale locale) {
        // The feed lock first, the user row second: the order every assignment writer follows.
        feed.lock();
        AppUser user = AppUser.findById(userId, LockModeType.PESSIMISTIC_WRITE);
        if (user == null) {
            throw userNotFound(userId);
        }
        Set<String> wanted = validate(requested, locale);
        if (!wanted.isEmpty() && !Roles.INSPECTOR.equals(user.role)) {
            throw ApiProblem.conflict("NOT_AN_INSPECTOR", "User {0} is not an inspector; only inspectors have zones", user.username)
                    .with("role", user.role);
        }
        write(actor, user, wanted);
        return new AssignmentSet(user.id, user.username, user.role, zones(user.id));
    }

    /** Removes every zone of a user (their role stops being inspector); audited, devices get REMOVE. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void clear(Actor actor, AppUser user) {
        write(actor, user, Set.of());
    }

    /** The data of an {@code assignment} pull change: one zone of one inspector, empty once unassigned. */
    public Optional<ObjectNode> assignment(String username, String zoneId) {
        if (username == null) {
            return Optional.empty();
        }
        return AppUser.findByUsername(username).flatMap(u -> zones(u.id).stream()
                .filter(z -> z.zoneId().equals(zoneId)).findFirst())
                .map(z -> (ObjectNode) json.valueToTree(z));
    }

    public MyAssignments mine(Actor actor) {
        if (actor.isSupervisor()) {
            return new MyAssignments("MUNICIPALITY", List.of(), works.assignedTo(null));
        }
        AppUser user = AppUser.findByUsername(actor.name()).orElseThrow(() -> userNotFound(actor.name()));
        return new MyAssignments("ZONES", zones(user.id), works.assignedTo(user.id));
    }

    private void write(Actor actor, AppUser user, Set<String> wanted) {
        Set<String> current = new TreeSet<>(zones(user.id).stream().map(AssignedZone::zoneId).toList());
        List<String> added = wanted.stream().filter(z -> !current.contains(z)).sorted().toList();
        List<String> removed = current.stream().filter(z -> !wanted.contains(z)).toList();
        if (added.isEmpty() && removed.isEmpty()) {
            return;
        }
        if (!removed.isEmpty()) {
            em.createNativeQuery("DELETE FROM inspector_zone WHERE user_id = :user AND zone_id IN (:zones)")
                    .setParameter("user", user.id).setParameter("zones", removed).executeUpdate();
        }
        for (String zone : added) {
            em.createNativeQuery("INSERT INTO inspector_zone (user_id, zone_id, assigned_by) VALUES (?1, ?2, ?3)")
                    .setParameter(1, user.id).setParameter(2, zone).setParameter(3, actor.name()).executeUpdate();
        }
        feed.assignmentsChanged(user.username, user.id, added, removed);
        audit.record(actor.name(), "user.assignments", "user", user.id.toString(),
                Map.of("username", user.username, "zones", List.copyOf(current)),
                Map.of("username", user.username, "zones", new TreeSet<>(wanted), "added", added, "removed", removed));
    }

    private Set<String> validate(List<String> requested, Locale locale) {
        if (requested == null) {
            throw ApiProblem.validation(List.of(new FieldError("zones", "REQUIRED",
                    ProblemMessages.detail("REQUIRED", locale, "Required", "zones"))));
        }
        if (requested.size() > MAX_ZONES) {
            throw ApiProblem.validation(List.of(new FieldError("zones", "TOO_MANY_ZONES",
                    ProblemMessages.detail("field.TOO_MANY_ZONES", locale, "At most " + MAX_ZONES + " zones", MAX_ZONES))));
        }
        Set<String> ids = new LinkedHashSet<>();
        for (String id : requested) {
            if (id != null && !id.isBlank()) {
                ids.add(id.strip());
            }
        }
        Map<String, String> types = types(ids);
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            String id = requested.get(i);
            String field = "zones[" + i + "]";
            if (id == null || id.isBlank()) {
                errors.add(new FieldError(field, "REQUIRED", ProblemMessages.detail("REQUIRED", locale, "Required", field)));
            } else if (!types.containsKey(id.strip())) {
                errors.add(new FieldError(field, "UNKNOWN_ZONE",
                        ProblemMessages.detail("field.UNKNOWN_ZONE", locale, "No zone " + id, id.strip())));
            } else if (!"AGEB".equals(types.get(id.strip())) && !"LOCALITY".equals(types.get(id.strip()))) {
                errors.add(new FieldError(field, "ZONE_NOT_ASSIGNABLE",
                        ProblemMessages.detail("field.ZONE_NOT_ASSIGNABLE", locale, "Only AGEBs and localities are assigned", id.strip())));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.validation(errors);
        }
        return ids;
    }

    private Map<String, String> types(Set<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT id, zone_type FROM zone WHERE id IN (:ids)")
                .setParameter("ids", ids).getResultList();
        Map<String, String> types = new HashMap<>();
        rows.forEach(r -> types.put((String) r[0], (String) r[1]));
        return types;
    }

    private List<AssignedZone> zones(UUID userId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT z.id, z.zone_type, z.name, z.parent_id, z.population, iz.assigned_at, iz.assigned_by
                        FROM inspector_zone iz JOIN zone z ON z.id = iz.zone_id
                        WHERE iz.user_id = ?1 ORDER BY z.id""")
                .setParameter(1, userId).getResultList();
        return rows.stream().map(r -> new AssignedZone((String) r[0], (String) r[1], (String) r[2], (String) r[3],
                r[4] == null ? null : ((Number) r[4]).intValue(), time(r[5]), (String) r[6])).toList();
    }

    private static AppUser requireUser(UUID id) {
        AppUser user = AppUser.findById(id);
        if (user == null) {
            throw userNotFound(id);
        }
        return user;
    }

    private static ApiProblem userNotFound(Object id) {
        return ApiProblem.notFound("USER_NOT_FOUND", "User {0} does not exist", id);
    }

    private static OffsetDateTime time(Object value) {
        if (value instanceof OffsetDateTime t) {
            return t;
        }
        if (value instanceof Instant i) {
            return i.atOffset(ZoneOffset.UTC);
        }
        return value == null ? null : ((Timestamp) value).toInstant().atOffset(ZoneOffset.UTC);
    }
}
