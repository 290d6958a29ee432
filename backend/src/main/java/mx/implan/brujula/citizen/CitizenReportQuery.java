package mx.implan.brujula.citizen;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Public reads of citizen reports for Open311. Only columns without personal data are selected:
 * contact data lives in {@code citizen_contact}, which this class never reads.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class CitizenReportQuery {

    private static final String SELECT = """
            SELECT r.observation_id, r.service_code, o.status, o.notes, r.created_at, o.updated_at,
                   r.address_string, ST_Y(ST_PointOnSurface(o.geom)), ST_X(ST_PointOnSurface(o.geom)), r.duplicate_of,
                   (SELECT m.sha256 FROM jsonb_array_elements(o.photos) p
                      JOIN photo_moderation m ON m.sha256 = p ->> 'sha256' AND m.decision = 'APPROVED' LIMIT 1),
                   'NEEDS_LOCATION' = ANY (o.flags),
                   (SELECT l.url FROM citizen_report_link rl
                      JOIN citizen_media_link l ON l.url_sha256 = rl.url_sha256 AND l.decision = 'APPROVED'
                    WHERE rl.observation_id = r.observation_id ORDER BY rl.position LIMIT 1),
                   r.address_id
            FROM citizen_report r JOIN observation o ON o.id = r.observation_id
            """;

    @Inject
    EntityManager em;

    /**
     * One public row of a report; {@code publicPhoto} is the hash of a photo a supervisor approved,
     * {@code publicLink} an external link a supervisor approved, each or both null; {@code lat}/{@code lon}
     * are a placeholder while {@code needsLocation}.
     */
    public record Row(UUID id, String serviceCode, String status, String description, OffsetDateTime requestedAt,
                      OffsetDateTime updatedAt, String address, double lat, double lon, UUID duplicateOf, String publicPhoto,
                      boolean needsLocation, String publicLink, String addressId) {
    }

    /** One status change of a report (mySociety's service request update), with its status after the change. */
    public record Update(UUID id, long rev, String status, OffsetDateTime at, UUID duplicateOf) {
    }

    /** Filters of GET requests; null members are not applied. */
    public record Filter(List<UUID> ids, Set<String> serviceCodes, Boolean open, OffsetDateTime start,
                         OffsetDateTime end, String reporter, int limit) {
    }

    public Optional<Row> find(UUID id) {
        return run(SELECT + " WHERE r.observation_id = ?1", List.of(id)).stream().findFirst();
    }

    public Optional<UUID> byTokenHash(String tokenHash) {
        @SuppressWarnings("unchecked")
        List<UUID> ids = em.createNativeQuery("SELECT observation_id FROM citizen_report WHERE token_hash = ?1")
                .setParameter(1, tokenHash).getResultList();
        return ids.stream().findFirst();
    }

    public List<Row> list(Filter f) {
        StringBuilder sql = new StringBuilder(SELECT).append(" WHERE true");
        List<Object> params = new ArrayList<>();
        if (f.ids() != null) {
            params.add(f.ids());
            sql.append(" AND r.observation_id IN (?").append(params.size()).append(")");
        } else {
            if (f.serviceCodes() != null) {
                params.add(List.copyOf(f.serviceCodes()));
                sql.append(" AND r.service_code IN (?").append(params.size()).append(")");
            }
            if (f.open() != null) {
                params.add(f.open() ? CitizenReports.OPEN_STATUSES : CitizenReports.CLOSED_STATUSES);
                sql.append(" AND o.status IN (?").append(params.size()).append(")");
            }
            if (f.start() != null) {
                params.add(f.start());
                sql.append(" AND r.created_at >= ?").append(params.size());
            }
            if (f.end() != null) {
                params.add(f.end());
                sql.append(" AND r.created_at <= ?").append(params.size());
            }
        }
        if (f.reporter() != null) {
            params.add(f.reporter());
            sql.append(" AND r.reporter = ?").append(params.size());
        }
        params.add(f.limit());
        sql.append(" ORDER BY r.created_at DESC, r.observation_id LIMIT ?").append(params.size());
        return run(sql.toString(), params);
    }

    private List<Row> run(String sql, List<Object> params) {
        Query query = em.createNativeQuery(sql);
        for (int i = 0; i < params.size(); i++) {
            query.setParameter(i + 1, params.get(i));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(r -> new Row((UUID) r[0], (String) r[1], (String) r[2], (String) r[3],
                time(r[4]), time(r[5]), (String) r[6], ((Number) r[7]).doubleValue(), ((Number) r[8]).doubleValue(),
                (UUID) r[9], r[10] == null ? null : r[10].toString().strip(), Boolean.TRUE.equals(r[11]),
                (String) r[12], (String) r[13])).toList();
    }

    /** Status changes of citizen reports between {@code start} and {@code end}, oldest first. */
    public List<Update> updates(OffsetDateTime start, OffsetDateTime end, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT v.observation_id, v.rev, v.doc ->> 'status', v.created_at, r.duplicate_of
                        FROM observation_revision v JOIN citizen_report r ON r.observation_id = v.observation_id
                        WHERE v.change = 'STATUS' AND v.created_at >= ?1 AND v.created_at <= ?2
                        ORDER BY v.created_at, v.observation_id, v.rev LIMIT ?3""")
                .setParameter(1, start).setParameter(2, end).setParameter(3, limit).getResultList();
        return rows.stream().map(r -> new Update((UUID) r[0], ((Number) r[1]).longValue(), (String) r[2], time(r[3]), (UUID) r[4]))
                .toList();
    }

    private static OffsetDateTime time(Object value) {
        if (value instanceof OffsetDateTime t) {
            return t;
        }
        if (value instanceof java.time.Instant i) {
            return i.atOffset(ZoneOffset.UTC);
        }
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toInstant().atOffset(ZoneOffset.UTC);
        }
        throw new IllegalStateException("Unexpected time type " + (value == null ? null : value.getClass()));
    }
}
