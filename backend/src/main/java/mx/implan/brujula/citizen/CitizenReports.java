package mx.implan.brujula.citizen;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import mx.implan.brujula.audit.AuditTrail;
import mx.implan.brujula.model.observation.Flag;
import mx.implan.brujula.model.observation.ObservationStatus;
import mx.implan.brujula.model.observation.StatusLifecycle;
import mx.implan.brujula.observations.ObservationStore;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The rows that only citizen reports have (report, contact, idempotency answer, duplicate link),
 * written in one transaction after the observation itself went in through the push path.
 */
@ApplicationScoped
public class CitizenReports {

    /** Who stamps the duplicate flag (a server decision, not the reporter's edit). */
    public static final String SYSTEM_ACTOR = "system:open311";
    static final List<String> OPEN_STATUSES = Arrays.stream(ObservationStatus.values())
            .filter(StatusLifecycle::isOpen).map(Enum::name).toList();
    static final List<String> CLOSED_STATUSES = Arrays.stream(ObservationStatus.values())
            .filter(s -> !StatusLifecycle.isOpen(s)).map(Enum::name).toList();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EntityManager em;
    @Inject
    ObservationStore store;
    @Inject
    AuditTrail audit;
    @Inject
    Open311Config config;
    @Inject
    ReportMedia media;

    /** The stored answer of a POST (also what an Idempotency-Key replay returns). */
    public record Answer(UUID serviceRequestId, String token, String serviceNotice, String accountId, UUID duplicateOf) {

        /** The same answer for someone else: the public id and notice, not the tracking token. */
        public Answer withoutToken() {
            return new Answer(serviceRequestId, null, serviceNotice, accountId, duplicateOf);
        }
    }

    /** What is kept of an existing report to recognise a resend. */
    public record Existing(UUID id, String reporter, String bodyHash, UUID duplicateOf) {
    }

    /**
     * The stored answer of an Idempotency-Key in the caller's {@code scope}; 422 ({@link IdempotencyMismatch})
     * when the caller sent another form under it. With {@code anyAnonymousScope} (an anonymous caller),
     * a key sent with this very form from another address or device also matches: that answer comes
     * without the tracking token, which only its own scope gets back. One query, so a concurrent
     * first answer is seen whole or not at all.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Answer> idempotent(String scope, String key, String bodyHash, boolean anyAnonymousScope) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT scope, body_hash, CAST(response AS text) FROM open311_idempotency
                        WHERE idem_key = ?2 AND (scope = ?1 OR (?4 AND body_hash = ?5 AND scope NOT LIKE 'account:%'))
                          AND created_at > clock_timestamp() - make_interval(secs => ?3)
                        ORDER BY scope = ?1 DESC, created_at LIMIT 1""")
                .setParameter(1, scope).setParameter(2, key).setParameter(3, (double) config.idempotencyTtl().toSeconds())
                .setParameter(4, anyAnonymousScope).setParameter(5, bodyHash)
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = rows.get(0);
        boolean own = scope.equals(row[0]);
        if (own && !bodyHash.equals(((String) row[1]).trim())) {
            throw new IdempotencyMismatch();
        }
        Answer original = answer((String) row[2]);
        return Optional.of(own ? original : original.withoutToken());
    }

    private static Answer answer(String json) {
        try {
            return JSON.readValue(json, Answer.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored Open311 answer is unreadable", e);
        }
    }

    /** Same Idempotency-Key, different request. */
    public static class IdempotencyMismatch extends RuntimeException {
        IdempotencyMismatch() {
            super(null, null, false, false);
        }
    }

    /** The author of observation {@code id} written by the Open311 write {@code opId}, when it has no report yet. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<String> unrecordedAuthor(UUID id, UUID opId) {
        @SuppressWarnings("unchecked")
        List<String> rows = em.createNativeQuery("""
                        SELECT o.author FROM observation o JOIN applied_op a ON a.observation_id = o.id AND a.op_id = ?2
                        WHERE o.id = ?1 AND NOT EXISTS (SELECT 1 FROM citizen_report r WHERE r.observation_id = o.id)""")
                .setParameter(1, id).setParameter(2, opId).getResultList();
        return rows.stream().findFirst();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Existing> find(UUID id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT reporter, body_hash, duplicate_of FROM citizen_report WHERE observation_id = ?1")
                .setParameter(1, id).getResultList();
        return rows.stream().findFirst().map(r -> new Existing(id, (String) r[0], ((String) r[1]).trim(), (UUID) r[2]));
    }

    /**
     * Records the report of an observation that was just created: finds an open report of the same
     * service nearby and links and flags it (an address-only report is flagged NEEDS_LOCATION
     * instead), stores contact data apart, where each photo came from and the external links,
     * remembers the answer for the Idempotency-Key. Returns the answer.
     */
    @Transactional
    public Answer record(UUID id, ReportForm form, String reporter, String tokenHash, Answer answer,
                         String idemScope, String idemKey, String noticeDuplicate) {
        UUID duplicateOf = form.needsLocation() ? null : nearbyOpen(id, form.service(), form.lon(), form.lat());
        em.createNativeQuery("""
                        INSERT INTO citizen_report (observation_id, service_code, reporter, token_hash, body_hash, address_string,
                                                    address_id, duplicate_of, created_at)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, (SELECT received_at FROM observation WHERE id = ?1))""")
                .setParameter(1, id).setParameter(2, form.service().code()).setParameter(3, reporter)
                .setParameter(4, tokenHash).setParameter(5, form.bodyHash()).setParameter(6, form.addressString())
                .setParameter(7, form.addressId()).setParameter(8, duplicateOf)
                .executeUpdate();
        media.record(id, form, reporter);
        if (form.needsLocation()) {
            flag(id, Flag.NEEDS_LOCATION);
            audit.record(SYSTEM_ACTOR, "citizen-report.needs-location", "observation", id.toString(), null,
                    Map.of("flag", Flag.NEEDS_LOCATION.name()));
        }
        if (form.hasContact()) {
            em.createNativeQuery("INSERT INTO citizen_contact (observation_id, first_name, last_name, email, phone) VALUES (?1, ?2, ?3, ?4, ?5)")
                    .setParameter(1, id).setParameter(2, form.firstName()).setParameter(3, form.lastName())
                    .setParameter(4, form.email()).setParameter(5, form.phone())
                    .executeUpdate();
        }
        Answer result = answer;
        if (duplicateOf != null) {
            flagDuplicate(id, duplicateOf);
            result = new Answer(answer.serviceRequestId(), answer.token(),
                    noticeDuplicate.replace("{0}", duplicateOf.toString()), answer.accountId(), duplicateOf);
        }
        if (idemKey != null) {
            try {
                em.createNativeQuery("""
                                INSERT INTO open311_idempotency (scope, idem_key, body_hash, observation_id, response)
                                VALUES (?1, ?2, ?3, ?4, CAST(?5 AS jsonb))
                                ON CONFLICT (scope, idem_key) DO UPDATE SET body_hash = EXCLUDED.body_hash,
                                  observation_id = EXCLUDED.observation_id, response = EXCLUDED.response, created_at = now()
                                WHERE open311_idempotency.created_at <= clock_timestamp() - make_interval(secs => ?6)""")
                        .setParameter(1, idemScope).setParameter(2, idemKey).setParameter(3, form.bodyHash())
                        .setParameter(4, id).setParameter(5, JSON.writeValueAsString(result))
                        .setParameter(6, (double) config.idempotencyTtl().toSeconds())
                        .executeUpdate();
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return result;
    }

    /** The closest open, placed observation of the same service within the duplicate radius (geodesic metres). */
    UUID nearbyOpen(UUID id, ServiceCatalogue.Service service, double lon, double lat) {
        @SuppressWarnings("unchecked")
        List<UUID> rows = em.createNativeQuery("""
                        SELECT o.id FROM observation o
                        WHERE o.kind IN ('RISK', 'URBAN_IMAGE') AND o.kind = ?1 AND o.id <> ?2
                          AND o.attributes ->> ?3 = ?4
                          AND o.status IN (?5) AND NOT ('NEEDS_LOCATION' = ANY (o.flags))
                          AND ST_DWithin(o.geom::geography, ST_SetSRID(ST_MakePoint(?6, ?7), 4326)::geography, ?8)
                        ORDER BY ST_Distance(o.geom::geography, ST_SetSRID(ST_MakePoint(?6, ?7), 4326)::geography), o.received_at, o.id
                        LIMIT 1""")
                .setParameter(1, service.kind().name()).setParameter(2, id)
                .setParameter(3, service.attribute()).setParameter(4, service.value())
                .setParameter(5, OPEN_STATUSES).setParameter(6, lon).setParameter(7, lat)
                .setParameter(8, config.duplicateRadiusM())
                .getResultList();
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** Sets {@code flag} on observation {@code id} (a server decision, a new revision); returns its revision. */
    private long flag(UUID id, Flag flag) {
        return store.setFlag(id, flag, SYSTEM_ACTOR);
    }

    void flagDuplicate(UUID id, UUID duplicateOf) {
        long rev = flag(id, Flag.DUPLICATE_NEARBY);
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("flag", Flag.DUPLICATE_NEARBY.name());
        after.put("duplicateOf", duplicateOf.toString());
        after.put("rev", rev);
        audit.record(SYSTEM_ACTOR, "citizen-report.duplicate-linked", "observation", id.toString(), null, after);
    }
}
