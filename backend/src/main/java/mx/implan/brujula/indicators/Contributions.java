package mx.implan.brujula.indicators;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import mx.implan.brujula.config.BrujulaConfig;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What each observation adds to the indicators, extracted by one SQL text from either source — an
 * event's payload or the observation table — so a projection and a recompute can only agree. The
 * zone is the lowest level holding the geometry's point on surface (an AGEB, else a locality, else
 * the municipality; a level is only searched when the ones below hold nothing, so the costly
 * municipal and locality outlines are rarely tested) and, where zones of a level overlap (two
 * Hermosillo AGEBs are enclaves of others whose holes the source lost), the smallest; the period comes from the capture date in the municipality's time zone; an
 * urban-image report resolved in Brújula carries the days to the revision that resolved it (the
 * first of its last run of RESOLVED revisions up to this one; none when an import resolved it).
 */
@ApplicationScoped
class Contributions {

    /** One observation's state as an event carries it. */
    record Source(UUID id, long rev, String kind, String status, String geometryJson, String capturedAt,
                  String attributesJson, Double areaM2) {
    }

    /** A contribution row as stored, for comparing before and after an event. */
    record Row(String zoneId, java.time.LocalDate capturedOn, String kind, Object[] fields) {

        boolean sameFigures(Row other) {
            return other != null && Arrays.equals(fields, other.fields);
        }
    }

    private static final String COLUMNS = "observation_id, rev, kind, status, zone_id, captured_at, captured_on, category,"
            + " severity, area_m2, condition, work_id, progress, resolve_days";

    /** {@code %s}: the source relation, with columns id, rev, kind, status, geom, captured_at, attributes, area_m2. */
    private static final String EXTRACT = """
            INSERT INTO {contributions} (%1$s)
            SELECT s.id, s.rev, s.kind, s.status,
                   COALESCE(
                       (SELECT z.id FROM zone z WHERE z.zone_type = 'AGEB' AND ST_Intersects(z.geom, ST_PointOnSurface(s.geom))
                        ORDER BY ST_Area(z.geom), z.id LIMIT 1),
                       (SELECT z.id FROM zone z WHERE z.zone_type = 'LOCALITY' AND ST_Intersects(z.geom, ST_PointOnSurface(s.geom))
                        ORDER BY ST_Area(z.geom), z.id LIMIT 1),
                       (SELECT z.id FROM zone z WHERE z.zone_type NOT IN ('AGEB', 'LOCALITY')
                          AND ST_Intersects(z.geom, ST_PointOnSurface(s.geom)) ORDER BY ST_Area(z.geom), z.id LIMIT 1)),
                   s.captured_at, CAST(s.captured_at AT TIME ZONE CAST(:tz AS text) AS date),
                   CASE s.kind WHEN 'RISK' THEN s.attributes->>'hazard' WHEN 'URBAN_IMAGE' THEN s.attributes->>'issue'
                               WHEN 'GREEN_AREA' THEN s.attributes->>'areaType' END,
                   CASE WHEN jsonb_typeof(s.attributes->'severity') = 'number'
                             AND CAST(s.attributes->>'severity' AS numeric) BETWEEN 0 AND 1000
                        THEN CAST(floor(CAST(s.attributes->>'severity' AS numeric)) AS integer) END,
                   CASE WHEN s.kind = 'GREEN_AREA' AND s.area_m2 < 1e11 THEN round(CAST(s.area_m2 AS numeric), 2) END,
                   CASE WHEN s.kind = 'GREEN_AREA' THEN s.attributes->>'condition' END,
                   CASE WHEN s.kind = 'WORKS_PROGRESS'
                             AND s.attributes->>'publicWorkId' ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
                        THEN CAST(s.attributes->>'publicWorkId' AS uuid) END,
                   CASE WHEN s.kind = 'WORKS_PROGRESS' AND jsonb_typeof(s.attributes->'progressPercent') = 'number'
                             AND CAST(s.attributes->>'progressPercent' AS numeric) BETWEEN 0 AND 100
                        THEN round(CAST(s.attributes->>'progressPercent' AS numeric), 2) END,
                   CASE WHEN r.actor NOT LIKE 'import:%%'
                        THEN round(GREATEST(0, EXTRACT(EPOCH FROM r.created_at - s.captured_at)) / 86400, 4) END
            FROM (%2$s) s
            LEFT JOIN LATERAL (
                SELECT rv.created_at, rv.actor FROM observation_revision rv
                WHERE s.kind = 'URBAN_IMAGE' AND s.status = 'RESOLVED' AND rv.observation_id = s.id AND rv.rev <= s.rev
                  AND rv.rev > COALESCE((SELECT max(q.rev) FROM observation_revision q
                                         WHERE q.observation_id = s.id AND q.rev <= s.rev AND q.doc->>'status' <> 'RESOLVED'), 0)
                ORDER BY rv.rev LIMIT 1
            ) r ON true
            """;

    private static final String FROM_TABLE = """
            SELECT o.id, o.rev, o.kind, o.status, o.geom, o.captured_at, o.attributes, o.area_m2 FROM observation o
            WHERE :root = '' OR ST_Intersects(o.geom, (SELECT r.geom FROM zone r WHERE r.id = :root))
            """;

    /** Events' states, one row each, from a JSON array of {@link Source}s (one statement for a whole batch). */
    private static final String FROM_EVENTS = """
            SELECT x.id, x.rev, x.kind, x.status, ST_SetSRID(ST_GeomFromGeoJSON(CAST(x.geometry AS text)), 4326) AS geom,
                   x.captured_at, x.attributes, x.area_m2
            FROM jsonb_to_recordset(CAST(:sources AS jsonb)) AS x(id uuid, rev bigint, kind text, status text, geometry jsonb,
                                                                   captured_at timestamptz, attributes jsonb, area_m2 double precision)
            """;

    @Inject
    EntityManager em;
    @Inject
    BrujulaConfig config;
    @Inject
    ObjectMapper json;

    /** A stored contribution and its revision. */
    record Stored(long rev, Row row) {
    }

    /** The stored contributions of these observations (those that have one). */
    Map<UUID, Stored> find(Tables tables, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(tables.sql("SELECT " + COLUMNS + " FROM {contributions} WHERE observation_id IN (:ids)"))
                .setParameter("ids", ids).getResultList();
        Map<UUID, Stored> found = new HashMap<>();
        for (Object[] r : rows) {
            found.put((UUID) r[0], new Stored(((Number) r[1]).longValue(), row(r)));
        }
        return found;
    }

    /**
     * Stores the contribution of each source (one per observation) unless one of a newer or equal
     * revision is there, in one statement.
     */
    void apply(Tables tables, Collection<Source> sources) {
        if (sources.isEmpty()) {
            return;
        }
        ArrayNode batch = json.createArrayNode();
        for (Source s : sources) {
            ObjectNode o = batch.addObject();
            o.put("id", s.id().toString());
            o.put("rev", s.rev());
            o.put("kind", s.kind());
            o.put("status", s.status());
            o.set("geometry", parse(s.geometryJson()));
            o.put("captured_at", s.capturedAt());
            o.set("attributes", parse(s.attributesJson()));
            if (s.areaM2() != null) {
                o.put("area_m2", s.areaM2());
            }
        }
        String sql = EXTRACT.formatted(COLUMNS, FROM_EVENTS) + """
                ON CONFLICT (observation_id) DO UPDATE SET rev = excluded.rev, kind = excluded.kind, status = excluded.status,
                    zone_id = excluded.zone_id, captured_at = excluded.captured_at, captured_on = excluded.captured_on,
                    category = excluded.category, severity = excluded.severity, area_m2 = excluded.area_m2,
                    condition = excluded.condition, work_id = excluded.work_id, progress = excluded.progress,
                    resolve_days = excluded.resolve_days
                WHERE {contributions}.rev < excluded.rev
                """;
        em.createNativeQuery(tables.sql(sql))
                .setParameter("tz", config.timezone().getId())
                .setParameter("sources", batch.toString())
                .executeUpdate();
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("An event's state is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Replaces every contribution in {@code tables} with one per observation in the table (only
     * those touching {@code rootZone} when given); returns how many were written.
     */
    int rebuild(Tables tables, Optional<String> rootZone) {
        em.createNativeQuery(tables.sql(tables == Tables.SCRATCH ? "TRUNCATE {contributions}" : "DELETE FROM {contributions}"))
                .executeUpdate();
        return em.createNativeQuery(tables.sql(EXTRACT.formatted(COLUMNS, FROM_TABLE)))
                .setParameter("tz", config.timezone().getId())
                .setParameter("root", rootZone.orElse(""))
                .executeUpdate();
    }

    private static Row row(Object[] r) {
        java.time.LocalDate capturedOn = r[6] instanceof java.sql.Date d ? d.toLocalDate() : (java.time.LocalDate) r[6];
        // Everything but the id and the revision: what the figures are made of.
        Object[] fields = Arrays.copyOfRange(r, 2, r.length);
        fields[4] = capturedOn;
        return new Row((String) r[4], capturedOn, (String) r[2], fields);
    }
}
