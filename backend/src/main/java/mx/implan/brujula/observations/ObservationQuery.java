package mx.implan.brujula.observations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import mx.implan.brujula.auth.Actor;
import mx.implan.brujula.http.ApiProblem;
import mx.implan.brujula.model.Page;
import mx.implan.brujula.model.observation.Observation;
import mx.implan.brujula.model.observation.ObservationKind;
import mx.implan.brujula.model.observation.ObservationStatus;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Filtered, keyset-paginated reads of observations (ordered by capturedAt, then id — never by the
 * device-made id alone). Spatial filtering is native SQL so the GiST index is used.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class ObservationQuery {

    @Inject
    EntityManager em;

    public record Filter(Set<ObservationKind> kinds, Set<ObservationStatus> statuses, double[] bbox,
                         OffsetDateTime from, OffsetDateTime to, int limit, String cursor) {
    }

    @SuppressWarnings("unchecked")
    public Page<Observation> find(Actor reader, Filter filter) {
        StringBuilder sql = new StringBuilder("SELECT o.* FROM observation o WHERE true");
        List<Object> params = new ArrayList<>();
        if (!reader.isSupervisor()) {
            params.add(reader.name());
            sql.append(" AND o.author = ?").append(params.size());
        }
        if (!filter.kinds().isEmpty()) {
            params.add(filter.kinds().stream().map(Enum::name).toList());
            sql.append(" AND o.kind IN (?").append(params.size()).append(")");
        }
        if (!filter.statuses().isEmpty()) {
            params.add(filter.statuses().stream().map(Enum::name).toList());
            sql.append(" AND o.status IN (?").append(params.size()).append(")");
        }
        if (filter.bbox() != null) {
            double[] b = filter.bbox();
            sql.append(" AND o.geom && ST_MakeEnvelope(?").append(params.size() + 1).append(", ?").append(params.size() + 2)
                    .append(", ?").append(params.size() + 3).append(", ?").append(params.size() + 4).append(", 4326)")
                    .append(" AND ST_Intersects(o.geom, ST_MakeEnvelope(?").append(params.size() + 1).append(", ?")
                    .append(params.size() + 2).append(", ?").append(params.size() + 3).append(", ?").append(params.size() + 4)
                    .append(", 4326))");
            for (double v : b) {
                params.add(v);
            }
        }
        if (filter.from() != null) {
            params.add(filter.from());
            sql.append(" AND o.captured_at >= ?").append(params.size());
        }
        if (filter.to() != null) {
            params.add(filter.to());
            sql.append(" AND o.captured_at < ?").append(params.size());
        }
        if (filter.cursor() != null && !filter.cursor().isBlank()) {
            Position after = Position.decode(filter.cursor());
            params.add(after.capturedAt());
            int at = params.size();
            params.add(after.id());
            sql.append(" AND (o.captured_at, o.id) > (?").append(at).append(", ?").append(at + 1).append(")");
        }
        params.add(filter.limit() + 1);
        sql.append(" ORDER BY o.captured_at, o.id LIMIT ?").append(params.size());
        Query query = em.createNativeQuery(sql.toString(), ObservationEntity.class);
        for (int i = 0; i < params.size(); i++) {
            query.setParameter(i + 1, params.get(i));
        }
        List<ObservationEntity> rows = query.getResultList();
        boolean more = rows.size() > filter.limit();
        List<ObservationEntity> page = more ? rows.subList(0, filter.limit()) : rows;
        String next = null;
        if (more) {
            ObservationEntity last = page.get(page.size() - 1);
            next = new Position(last.capturedAt, last.id).encode();
        }
        return new Page<>(page.stream().map(ObservationMapper::toWire).toList(), next);
    }

    /** One observation as it is now, whoever may read it (the caller decides), or empty. */
    public java.util.Optional<Observation> byId(UUID id) {
        ObservationEntity row = ObservationEntity.findById(id);
        return java.util.Optional.ofNullable(row).map(ObservationMapper::toWire);
    }

    /** The observations among {@code ids} that exist, as they are now, with one query. */
    public java.util.Map<UUID, Observation> byIds(java.util.Collection<UUID> ids) {
        java.util.Map<UUID, Observation> byId = new java.util.LinkedHashMap<>();
        if (!ids.isEmpty()) {
            for (ObservationEntity e : ObservationEntity.<ObservationEntity>list("id in ?1", ids)) {
                byId.put(e.id, ObservationMapper.toWire(e));
            }
        }
        return byId;
    }

    /** The state an observation had at revision {@code rev} (the base of a merge), or empty. */
    public java.util.Optional<Observation> revision(UUID id, long rev) {
        return ObservationRevisionEntity.find(id, rev).map(r -> ObservationMapper.fromJson(r.doc));
    }

    /** Keyset position: the (capturedAt, id) of the last item returned. */
    record Position(OffsetDateTime capturedAt, UUID id) {

        String encode() {
            String raw = capturedAt.withOffsetSameInstant(ZoneOffset.UTC) + "|" + id;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }

        static Position decode(String cursor) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
                if (parts.length != 2) {
                    throw new IllegalArgumentException("shape");
                }
                return new Position(OffsetDateTime.parse(parts[0]), UUID.fromString(parts[1]));
            } catch (RuntimeException e) {
                throw ApiProblem.invalidParameter("cursor", "INVALID_CURSOR", "The cursor is not valid");
            }
        }
    }
}
