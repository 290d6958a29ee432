package mx.implan.brujula.citizen;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import mx.implan.brujula.audit.AuditTrail;
import mx.implan.brujula.auth.Actor;
import mx.implan.brujula.http.ApiProblem;
import mx.implan.brujula.http.QueryParams;
import mx.implan.brujula.model.Page;
import mx.implan.brujula.observations.ObservationStore;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Staff's queue of citizen reports: those that still need a location (address-only reports) first,
 * then the newest; each with where its photos came from and its external links. Staff place an
 * address-only report, which clears its NEEDS_LOCATION flag and links it to an open report nearby.
 */
@ApplicationScoped
public class CitizenTriage {

    private static final String CURSOR_LIST = "citizen-triage";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SELECT = """
            SELECT r.observation_id, r.service_code, o.status, o.flags, needs, r.address_string, r.address_id,
                   ST_Y(ST_PointOnSurface(o.geom)), ST_X(ST_PointOnSurface(o.geom)), %s, r.duplicate_of,
                   (SELECT json_agg(json_build_object('sha256', p.sha256, 'origin', p.origin, 'uploadedBy', p.uploaded_by)
                           ORDER BY p.sha256)::text FROM citizen_report_photo p WHERE p.observation_id = r.observation_id),
                   (SELECT json_agg(json_build_object('id', l.url_sha256, 'url', l.url, 'decision', coalesce(l.decision, 'PENDING'))
                           ORDER BY rl.position)::text
                      FROM citizen_report_link rl JOIN citizen_media_link l ON l.url_sha256 = rl.url_sha256
                     WHERE rl.observation_id = r.observation_id),
                   r.created_at
            FROM (SELECT r.*, CASE WHEN 'NEEDS_LOCATION' = ANY (o.flags) THEN 1 ELSE 0 END AS needs
                  FROM citizen_report r JOIN observation o ON o.id = r.observation_id) r
            JOIN observation o ON o.id = r.observation_id
            """.formatted("to_char(r.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')");

    @Inject
    EntityManager em;
    @Inject
    ObservationStore store;
    @Inject
    AuditTrail audit;
    @Inject
    CitizenReports reports;

    /** A photo of a report and where it came from. */
    public record Photo(String sha256, String origin, String uploadedBy) {
    }

    /** An external link of a report (never fetched) and its moderation state. */
    public record Link(String id, String url, String decision) {
    }

    /** One report as staff see it; {@code lat}/{@code long} are null while it needs a location. */
    public record Report(UUID serviceRequestId, String serviceCode, String status, List<String> flags, boolean needsLocation,
                         String address, String addressId, Double lat, Double lon, OffsetDateTime reportedAt, UUID duplicateOf,
                         List<Photo> photos, List<Link> links) {
    }

    /** The queue: needing a location first, then newest first; {@code needsLocation} filters when given. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<Report> list(Boolean needsLocation, int limit, String cursor, Locale locale) {
        String after = QueryParams.decodeCursor(CURSOR_LIST, cursor, locale).orElse(null);
        String[] key = after == null ? null : after.split("\\|", 3);
        OffsetDateTime afterTime = null;
        UUID afterId = null;
        if (key != null) {
            try {
                afterTime = OffsetDateTime.parse(key[1]);
                afterId = UUID.fromString(key[2]);
            } catch (RuntimeException e) {
                throw QueryParams.invalid("cursor", "INVALID_CURSOR", locale, "The cursor is not valid");
            }
            if (!key[0].equals("0") && !key[0].equals("1")) {
                throw QueryParams.invalid("cursor", "INVALID_CURSOR", locale, "The cursor is not valid");
            }
        }
        StringBuilder sql = new StringBuilder(SELECT).append(" WHERE true");
        List<Object> params = new ArrayList<>();
        if (needsLocation != null) {
            params.add(needsLocation ? 1 : 0);
            sql.append(" AND r.needs = ?").append(params.size());
        }
        if (key != null) {
            params.add(Integer.parseInt(key[0]));
            params.add(afterTime);
            params.add(afterId);
            sql.append(" AND (r.needs, r.created_at, r.observation_id) < (?").append(params.size() - 2)
                    .append(", ?").append(params.size() - 1).append(", ?").append(params.size()).append(")");
        }
        params.add(limit + 1);
        sql.append(" ORDER BY r.needs DESC, r.created_at DESC, r.observation_id DESC LIMIT ?").append(params.size());
        Query q = em.createNativeQuery(sql.toString());
        for (int i = 0; i < params.size(); i++) {
            q.setParameter(i + 1, params.get(i));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        List<Report> items = rows.subList(0, Math.min(limit, rows.size())).stream().map(CitizenTriage::report).toList();
        String next = null;
        if (rows.size() > limit) {
            Report last = items.get(items.size() - 1);
            next = QueryParams.encodeCursor(CURSOR_LIST, (last.needsLocation() ? "1" : "0") + "|" + last.reportedAt() + "|"
                    + last.serviceRequestId());
        }
        return new Page<>(items, next);
    }

    /**
     * Places a citizen report at a point (an address-only one, or a pin to correct): a new revision
     * by {@code actor}, NEEDS_LOCATION cleared, audited; an open report of the same service nearby
     * is linked as for a new report. 404 for an id that is no citizen report.
     */
    @Transactional
    public Report place(Actor actor, UUID id, double lat, double lon) {
        Report before = find(id).orElseThrow(() -> ApiProblem.notFound("CITIZEN_REPORT_NOT_FOUND", "No citizen report {0}", id));
        store.locate(id, lon, lat, actor.name());
        audit.record(actor.name(), "citizen-report.located", "observation", id.toString(), location(before.lat(), before.lon(),
                before.needsLocation()), location(lat, lon, false));
        if (before.duplicateOf() == null) {
            ServiceCatalogue.find(before.serviceCode()).map(s -> reports.nearbyOpen(id, s, lon, lat)).ifPresent(duplicateOf -> {
                em.createNativeQuery("UPDATE citizen_report SET duplicate_of = ?2 WHERE observation_id = ?1")
                        .setParameter(1, id).setParameter(2, duplicateOf).executeUpdate();
                reports.flagDuplicate(id, duplicateOf);
            });
        }
        return find(id).orElseThrow();
    }

    private java.util.Optional<Report> find(UUID id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(SELECT + " WHERE r.observation_id = ?1").setParameter(1, id).getResultList();
        return rows.stream().findFirst().map(CitizenTriage::report);
    }

    private static Map<String, Object> location(Double lat, Double lon, boolean needsLocation) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lat", lat);
        m.put("long", lon);
        m.put("needsLocation", needsLocation);
        return m;
    }

    private static Report report(Object[] r) {
        boolean needs = ((Number) r[4]).intValue() == 1;
        return new Report((UUID) r[0], (String) r[1], (String) r[2], names(r[3]), needs, (String) r[5], (String) r[6],
                needs ? null : ((Number) r[7]).doubleValue(), needs ? null : ((Number) r[8]).doubleValue(),
                OffsetDateTime.parse(r[9].toString()), (UUID) r[10],
                read(r[11], new TypeReference<List<Photo>>() {
                }), read(r[12], new TypeReference<List<Link>>() {
                }));
    }

    private static List<String> names(Object array) {
        try {
            Object values = array instanceof java.sql.Array sql ? sql.getArray() : array;
            return values instanceof Object[] items ? java.util.Arrays.stream(items).map(String::valueOf).toList() : List.of();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> List<T> read(Object json, TypeReference<List<T>> type) {
        if (json == null) {
            return List.of();
        }
        try {
            return JSON.readValue(json.toString(), type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable triage row", e);
        }
    }
}
