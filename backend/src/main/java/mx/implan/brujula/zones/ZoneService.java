package mx.implan.brujula.zones;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import mx.implan.brujula.events.InspectorFeed;
import mx.implan.brujula.http.QueryParams;
import mx.implan.brujula.http.QueryParams.Bbox;
import mx.implan.brujula.model.Page;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads and writes zones. Reads build JSON from SQL rows; writes are set-based upserts. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class ZoneService {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1_000;
    /** Cursor tag: a cursor of another list is refused. */
    static final String CURSOR_LIST = "zones";

    /** A list request, already validated. */
    public record Query(Optional<ZoneType> type, Optional<String> parent, Optional<Bbox> bbox, int limit,
                        Optional<String> afterId, boolean geometry) {
    }

    @Inject
    EntityManager em;
    @Inject
    Event<ZonesChanged> zonesChanged;

    @Inject
    ObjectMapper mapper;

    @Inject
    ZoneMapper zoneMapper;

    @Inject
    InspectorFeed inspectorFeed;

    public Optional<ObjectNode> find(String id) {
        return Zone.<Zone>findByIdOptional(id).map(zoneMapper::toJson);
    }

    /**
     * Keyset pagination on id: stable under inserts, and each page costs the same however deep.
     * GeoJSON comes straight from {@code ST_AsGeoJSON} so no JTS geometry is built per row.
     */
    public Page<ObjectNode> list(Query q) {
        StringBuilder sql = new StringBuilder(
                "SELECT z.id, z.zone_type, z.name, z.parent_id, z.population, z.area_km2, CAST(z.properties AS text), z.rev");
        if (q.geometry()) {
            // 6 decimals (~0.1 m) is the precision of the source data.
            sql.append(", ST_AsGeoJSON(z.geom, 6)");
        }
        sql.append(" FROM zone z WHERE true");
        Map<String, Object> params = new LinkedHashMap<>();
        q.type().ifPresent(t -> {
            sql.append(" AND z.zone_type = :type");
            params.put("type", t.name());
        });
        q.parent().ifPresent(p -> {
            sql.append(" AND z.parent_id = :parent");
            params.put("parent", p);
        });
        q.bbox().ifPresent(b -> {
            sql.append(" AND ST_Intersects(z.geom, ST_MakeEnvelope(:minLon, :minLat, :maxLon, :maxLat, 4326))");
            params.put("minLon", b.minLon());
            params.put("minLat", b.minLat());
            params.put("maxLon", b.maxLon());
            params.put("maxLat", b.maxLat());
        });
        q.afterId().ifPresent(a -> {
            sql.append(" AND z.id > :after");
            params.put("after", a);
        });
        sql.append(" ORDER BY z.id LIMIT :limit");
        params.put("limit", q.limit() + 1);

        var query = em.createNativeQuery(sql.toString());
        params.forEach(query::setParameter);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();

        boolean more = rows.size() > q.limit();
        List<ObjectNode> items = new ArrayList<>(Math.min(rows.size(), q.limit()));
        for (Object[] r : rows.subList(0, Math.min(rows.size(), q.limit()))) {
            items.add(zoneMapper.toJson((String) r[0], (String) r[1], (String) r[2], (String) r[3],
                    r[4] == null ? null : ((Number) r[4]).intValue(),
                    r[5] == null ? null : ((Number) r[5]).doubleValue(),
                    zoneMapper.parse((String) r[6]), ((Number) r[7]).longValue(),
                    q.geometry() ? zoneMapper.parse((String) r[8]) : null, false));
        }
        String next = more ? QueryParams.encodeCursor(CURSOR_LIST, items.get(items.size() - 1).get("id").asText()) : null;
        return new Page<>(items, next);
    }

    /**
     * Inserts new zones and rewrites changed ones in one statement. A zone whose every column is
     * equal is left alone: no rewrite, no rev bump, no change-log row — so reloading the same files
     * tells devices nothing. Changed and new zones get a {@code change_log} row in the same statement
     * (data-modifying CTEs run in the caller's transaction). Polygons are wrapped with ST_Multi;
     * invalid source polygons are repaired with ST_MakeValid so spatial predicates never fail on them.
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public UpsertCounts upsert(List<ZoneRecord> zones) {
        if (zones.isEmpty()) {
            return new UpsertCounts(0, 0, 0);
        }
        ArrayNode rows = mapper.createArrayNode();
        for (ZoneRecord z : zones) {
            ObjectNode row = rows.addObject();
            row.put("id", z.id());
            row.put("type", z.type().name());
            row.put("name", z.name());
            row.put("parentId", z.parentId());
            row.put("population", z.population());
            row.put("areaKm2", z.areaKm2());
            row.set("properties", z.properties() == null ? mapper.createObjectNode() : z.properties());
            row.set("geometry", z.geometry());
        }
        String sql = """
                WITH input AS (
                    SELECT r->>'id' AS id, r->>'type' AS zone_type, r->>'name' AS name, r->>'parentId' AS parent_id,
                           CAST(r->>'population' AS integer) AS population, CAST(r->>'areaKm2' AS double precision) AS area_km2,
                           r->'properties' AS properties,
                           ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(r->'geometry'), 4326)) AS geom
                    FROM jsonb_array_elements(CAST(:rows AS jsonb)) AS r
                ), fixed AS (
                    SELECT id, zone_type, name, parent_id, population, area_km2, properties,
                           CASE WHEN ST_IsValid(geom) THEN geom
                                ELSE ST_Multi(ST_CollectionExtract(ST_MakeValid(geom), 3)) END AS geom
                    FROM input
                ), upserted AS (
                    INSERT INTO zone AS z (id, zone_type, name, parent_id, population, area_km2, properties, geom, rev, updated_at)
                    SELECT id, zone_type, name, parent_id, population, area_km2, properties, geom, 1, now() FROM fixed
                    ON CONFLICT (id) DO UPDATE
                        SET zone_type = excluded.zone_type, name = excluded.name, parent_id = excluded.parent_id,
                            population = excluded.population, area_km2 = excluded.area_km2,
                            properties = excluded.properties, geom = excluded.geom,
                            rev = z.rev + 1, updated_at = now()
                        WHERE (z.zone_type, z.name, z.parent_id, z.population, z.area_km2, z.properties)
                                  IS DISTINCT FROM
                              (excluded.zone_type, excluded.name, excluded.parent_id, excluded.population,
                               excluded.area_km2, excluded.properties)
                           OR NOT ST_OrderingEquals(z.geom, excluded.geom)
                    RETURNING z.id, z.rev, (z.xmax = 0) AS inserted
                ), logged AS (
                    INSERT INTO change_log (entity_type, entity_id, op, rev, owner)
                    SELECT 'zone', id, 'UPSERT', rev, NULL FROM upserted
                )
                SELECT CAST(count(*) FILTER (WHERE inserted) AS integer), CAST(count(*) FILTER (WHERE NOT inserted) AS integer),
                       string_agg(id, ',') FILTER (WHERE NOT inserted)
                FROM upserted
                """;
        Object[] counts = (Object[]) em.createNativeQuery(sql).setParameter("rows", rows.toString()).getSingleResult();
        int created = ((Number) counts[0]).intValue();
        int updated = ((Number) counts[1]).intValue();
        if (created + updated > 0) {
            zonesChanged.fire(new ZonesChanged(counts[2] == null ? List.of() : List.of(((String) counts[2]).split(","))));
        }
        if (counts[2] != null) {
            // A rewritten zone may now cover other works: its inspectors are told in this transaction.
            inspectorFeed.zonesChanged(List.of(((String) counts[2]).split(",")));
        }
        return new UpsertCounts(created, updated, zones.size() - created - updated);
    }
}
