package mx.implan.brujula.citizen;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import mx.implan.brujula.audit.AuditTrail;
import mx.implan.brujula.auth.Actor;
import mx.implan.brujula.http.ApiProblem;
import mx.implan.brujula.observations.ObservationContacts;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reporters' personal data: read by staff, answered to ARCO requests (export, rectification,
 * erasure of one citizen's data) and anonymised a configurable time after a report closes. Every
 * disclosure and change is audited; audit rows name the fields, never their values. Staff see a
 * report's contact data in the observation detail through {@link ObservationContacts}.
 */
@ApplicationScoped
public class CitizenContacts implements ObservationContacts {

    public static final List<String> FIELDS = List.of("firstName", "lastName", "email", "phone");

    @Inject
    EntityManager em;
    @Inject
    AuditTrail audit;

    /** Rectification: the fields to set (null = keep). */
    public record Rectification(String firstName, String lastName, String email, String phone) {
    }

    private static final String SELECT = """
            SELECT c.observation_id, r.service_code, o.status, r.created_at, c.first_name, c.last_name, c.email, c.phone, c.anonymised_at
            FROM citizen_contact c JOIN citizen_report r ON r.observation_id = c.observation_id
            JOIN observation o ON o.id = c.observation_id
            """;

    /** The contact data of one report, for supervisors and admins (audited as a disclosure). */
    @Transactional
    public Contact ofReport(Actor actor, UUID id) {
        requireStaff(actor);
        List<Contact> rows = run(SELECT + " WHERE c.observation_id = ?1", List.of(id));
        if (rows.isEmpty()) {
            throw ApiProblem.notFound("CONTACT_NOT_FOUND", "No contact data for report {0}", id);
        }
        audit.record(actor.name(), "citizen-contact.read", "observation", id.toString(), null, Map.of("fields", FIELDS));
        return rows.get(0);
    }

    /**
     * The contact data of a report for the staff's observation detail: empty when the observation
     * did not come in as a citizen report with contact data (or for non-staff, who never see it);
     * a disclosure is audited as {@link #ofReport} does.
     */
    @Override
    @Transactional
    public java.util.Optional<Contact> forDetail(Actor actor, UUID id) {
        if (actor == null || !actor.isSupervisor()) {
            return java.util.Optional.empty();
        }
        java.util.Optional<Contact> contact = run(SELECT + " WHERE c.observation_id = ?1", List.of(id)).stream().findFirst();
        contact.ifPresent(c -> audit.record(actor.name(), "citizen-contact.read", "observation", id.toString(), null,
                Map.of("fields", FIELDS, "via", "observation-detail")));
        return contact;
    }

    /** ARCO access: every report's contact data of the citizen with this email and/or phone (admins). */
    @Transactional
    public List<Contact> export(Actor actor, String email, String phone) {
        requireAdmin(actor);
        List<Contact> rows = matching(email, phone);
        for (Contact c : rows) {
            audit.record(actor.name(), "citizen-contact.exported", "observation", c.serviceRequestId().toString(), null,
                    Map.of("fields", FIELDS, "arco", "ACCESS"));
        }
        return rows;
    }

    /** ARCO cancellation/opposition: erases the contact data of every report of this citizen (admins). */
    @Transactional
    public int erase(Actor actor, String email, String phone, String reason) {
        requireAdmin(actor);
        int n = 0;
        for (Contact c : matching(email, phone)) {
            if (c.anonymisedAt() == null) {
                blank(c.serviceRequestId(), OffsetDateTime.now(ZoneOffset.UTC));
                Map<String, Object> after = new LinkedHashMap<>();
                after.put("fields", FIELDS);
                after.put("arco", "CANCELLATION");
                if (reason != null && !reason.isBlank()) {
                    after.put("reason", reason);
                }
                audit.record(actor.name(), "citizen-contact.erased", "observation", c.serviceRequestId().toString(),
                        Map.of("fields", present(c)), after);
                n++;
            }
        }
        return n;
    }

    /** ARCO rectification of one report's contact data (admins). */
    @Transactional
    public Contact rectify(Actor actor, UUID id, Rectification change) {
        requireAdmin(actor);
        List<mx.implan.brujula.model.sync.FieldError> errors = new ArrayList<>();
        check(errors, "firstName", change.firstName(), ReportForm.MAX_NAME, null);
        check(errors, "lastName", change.lastName(), ReportForm.MAX_NAME, null);
        check(errors, "email", change.email(), ReportForm.MAX_EMAIL, ReportForm.EMAIL);
        check(errors, "phone", change.phone(), ReportForm.MAX_PHONE, ReportForm.PHONE);
        if (!errors.isEmpty()) {
            throw ApiProblem.validation(errors);
        }
        Contact current = run(SELECT + " WHERE c.observation_id = ?1", List.of(id)).stream().findFirst()
                .orElseThrow(() -> ApiProblem.notFound("CONTACT_NOT_FOUND", "No contact data for report {0}", id));
        List<String> changed = new ArrayList<>();
        if (change.firstName() != null) changed.add("firstName");
        if (change.lastName() != null) changed.add("lastName");
        if (change.email() != null) changed.add("email");
        if (change.phone() != null) changed.add("phone");
        em.createNativeQuery("""
                        UPDATE citizen_contact SET first_name = COALESCE(?2, first_name), last_name = COALESCE(?3, last_name),
                            email = COALESCE(?4, email), phone = COALESCE(?5, phone) WHERE observation_id = ?1""")
                .setParameter(1, id).setParameter(2, change.firstName()).setParameter(3, change.lastName())
                .setParameter(4, change.email()).setParameter(5, change.phone()).executeUpdate();
        audit.record(actor.name(), "citizen-contact.rectified", "observation", id.toString(),
                Map.of("fields", present(current)), Map.of("fields", changed, "arco", "RECTIFICATION"));
        return run(SELECT + " WHERE c.observation_id = ?1", List.of(id)).get(0);
    }

    /**
     * Anonymises the contact data of reports closed at least {@code retention} before {@code now}
     * (closing time: the last status change). Returns the reports anonymised.
     */
    @Transactional
    public List<UUID> anonymiseClosed(OffsetDateTime now, Duration retention) {
        @SuppressWarnings("unchecked")
        List<UUID> ids = em.createNativeQuery("""
                        SELECT c.observation_id FROM citizen_contact c JOIN observation o ON o.id = c.observation_id
                        WHERE c.anonymised_at IS NULL AND o.status IN (?1)
                          AND COALESCE((SELECT max(v.created_at) FROM observation_revision v
                                        WHERE v.observation_id = o.id AND v.change = 'STATUS'), o.updated_at) <= ?2
                        FOR UPDATE OF c SKIP LOCKED""")
                .setParameter(1, CitizenReports.CLOSED_STATUSES).setParameter(2, now.minus(retention))
                .getResultList();
        for (UUID id : ids) {
            blank(id, now);
            audit.record(CitizenReports.SYSTEM_ACTOR, "citizen-contact.anonymised", "observation", id.toString(), null,
                    Map.of("fields", FIELDS, "retention", retention.toString()));
        }
        return ids;
    }

    private void blank(UUID id, OffsetDateTime at) {
        em.createNativeQuery("""
                        UPDATE citizen_contact SET first_name = NULL, last_name = NULL, email = NULL, phone = NULL, anonymised_at = ?2
                        WHERE observation_id = ?1""")
                .setParameter(1, id).setParameter(2, at).executeUpdate();
    }

    private List<Contact> matching(String email, String phone) {
        boolean byEmail = email != null && !email.isBlank();
        boolean byPhone = phone != null && !phone.isBlank();
        if (!byEmail && !byPhone) {
            throw ApiProblem.invalidParameter("email", "REQUIRED", "email or phone is required");
        }
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE false");
        if (byEmail) {
            params.add(email.strip());
            where.append(" OR lower(c.email) = lower(?").append(params.size()).append(")");
        }
        if (byPhone) {
            params.add(phone.strip());
            where.append(" OR c.phone = ?").append(params.size());
        }
        return run(SELECT + where + " ORDER BY r.created_at, c.observation_id", params);
    }

    private static void check(List<mx.implan.brujula.model.sync.FieldError> errors, String field, String value, int max,
                              java.util.regex.Pattern format) {
        if (value == null) {
            return;
        }
        if (value.indexOf('\0') >= 0) {
            errors.add(new mx.implan.brujula.model.sync.FieldError(field, "INVALID_CHARACTER", "Contains a NUL character"));
        } else if (value.isBlank() || value.codePointCount(0, value.length()) > max) {
            errors.add(new mx.implan.brujula.model.sync.FieldError(field, "TOO_LONG", "Empty or longer than " + max + " characters"));
        } else if (format != null && !format.matcher(value).matches()) {
            errors.add(new mx.implan.brujula.model.sync.FieldError(field, "INVALID_FORMAT", "Not a valid " + field));
        }
    }

    private static List<String> present(Contact c) {
        List<String> fields = new ArrayList<>();
        if (c.firstName() != null) fields.add("firstName");
        if (c.lastName() != null) fields.add("lastName");
        if (c.email() != null) fields.add("email");
        if (c.phone() != null) fields.add("phone");
        return fields;
    }

    private List<Contact> run(String sql, List<Object> params) {
        Query q = em.createNativeQuery(sql);
        for (int i = 0; i < params.size(); i++) {
            q.setParameter(i + 1, params.get(i));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        return rows.stream().map(r -> new Contact((UUID) r[0], (String) r[1], (String) r[2], time(r[3]),
                (String) r[4], (String) r[5], (String) r[6], (String) r[7], time(r[8]))).toList();
    }

    private static OffsetDateTime time(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime t) {
            return t;
        }
        if (value instanceof java.time.Instant i) {
            return i.atOffset(ZoneOffset.UTC);
        }
        return ((java.sql.Timestamp) value).toInstant().atOffset(ZoneOffset.UTC);
    }

    private static void requireStaff(Actor actor) {
        if (actor == null || !actor.isSupervisor()) {
            throw ApiProblem.forbidden("FORBIDDEN", "Your role may not do this");
        }
    }

    private static void requireAdmin(Actor actor) {
        if (actor == null || !actor.has(mx.implan.brujula.auth.Roles.ADMIN)) {
            throw ApiProblem.forbidden("FORBIDDEN", "Your role may not do this");
        }
    }
}
