package mx.implan.brujula.works;

import mx.implan.brujula.events.ChangeLog;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import mx.implan.brujula.auth.Actor;
import mx.implan.brujula.http.QueryParams;
import mx.implan.brujula.http.QueryParams.Bbox;
import mx.implan.brujula.model.Ids;
import mx.implan.brujula.model.Page;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The public works catalogue: what sync asks ({@link #exists}), what the API lists, and the one
 * place a work is written ({@link #upsert}), so every change bumps {@code rev}, appends a change-log
 * row for device pulls (shared, and per inspector whose zones hold the work) and an audit row — all in the caller's transaction.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class PublicWorkCatalogue {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1_000;
    static final String CURSOR_LIST = "works";
    static final String ENTITY_TYPE = "work";

    /** The result of writing one work. */
    public record Upsert(Outcome outcome, UUID id, long rev) {
    }

    /** A list request, already validated. */
    public record Query(Optional<String> programme, Optional<Bbox> bbox, int limit, Optional<String> afterCode) {
    }

    @Inject
    EntityManager em;

    @Inject
    WorkMapper workMapper;
    @Inject
    mx.implan.brujula.events.ChangeLog changeLog;
    @Inject
    mx.implan.brujula.events.ReferenceEvents referenceEvents;
    @Inject
    mx.implan.brujula.audit.AuditTrail audit;
    @Inject
    mx.implan.brujula.events.InspectorFeed inspectorFeed;

    /** The id a code maps to, the same on every server and in every import. */
    public static UUID idFor(String code) {
        return Ids.nameBased("work:" + code);
    }

    /** Used by sync to flag {@code UNKNOWN_WORK}; never throws for an unknown id. */
    public boolean exists(UUID id) {
        return id != null && PublicWork.count("id", id) > 0;
    }

    public Optional<ObjectNode> find(UUID id) {
        return PublicWork.<PublicWork>findByIdOptional(id).map(workMapper::toJson);
    }

    /**
     * The works an inspector's zones hold (one row per work, by code), or the whole catalogue when
     * {@code inspector} is null (supervisors and admins see the whole municipality).
     */
    @SuppressWarnings("unchecked")
    public List<ObjectNode> assignedTo(UUID inspector) {
        var query = inspector == null
                ? em.createNativeQuery("SELECT w.* FROM public_work w ORDER BY w.code", PublicWork.class)
                : em.createNativeQuery("""
                        SELECT w.* FROM public_work w
                        WHERE w.id IN (SELECT work_id FROM inspector_visible_work WHERE user_id = ?1)
                        ORDER BY w.code""", PublicWork.class).setParameter(1, inspector);
        return ((List<PublicWork>) query.getResultList()).stream().map(workMapper::toJson).toList();
    }

    /**
     * Keyset pagination on code (what people sort catalogues by). Works are few and their
     * geometries small, so entities are materialised; the bbox test runs in PostGIS on the GiST index.
     */
    public Page<ObjectNode> list(Query q) {
        StringBuilder sql = new StringBuilder("SELECT w.* FROM public_work w WHERE true");
        Map<String, Object> params = new LinkedHashMap<>();
        q.programme().ifPresent(p -> {
            sql.append(" AND lower(w.programme) = lower(:programme)");
            params.put("programme", p);
        });
        q.bbox().ifPresent(b -> {
            sql.append(" AND ST_Intersects(w.geom, ST_MakeEnvelope(:minLon, :minLat, :maxLon, :maxLat, 4326))");
            params.put("minLon", b.minLon());
            params.put("minLat", b.minLat());
            params.put("maxLon", b.maxLon());
            params.put("maxLat", b.maxLat());
        });
        q.afterCode().ifPresent(a -> {
            sql.append(" AND w.code > :after");
            params.put("after", a);
        });
        sql.append(" ORDER BY w.code LIMIT :limit");
        params.put("limit", q.limit() + 1);
        var query = em.createNativeQuery(sql.toString(), PublicWork.class);
        params.forEach(query::setParameter);
        @SuppressWarnings("unchecked")
        List<PublicWork> rows = query.getResultList();
        boolean more = rows.size() > q.limit();
        List<PublicWork> page = rows.subList(0, Math.min(rows.size(), q.limit()));
        String next = more ? QueryParams.encodeCursor(CURSOR_LIST, page.get(page.size() - 1).code) : null;
        return new Page<>(page.stream().map(workMapper::toJson).toList(), next);
    }

    /**
     * Creates or updates the work with {@code in.code()}. A work equal in every field (including the
     * derived curve and zone) is left untouched and reported UNCHANGED, which is what makes imports
     * idempotent. With {@code dryRun} nothing is written and the outcome is what would happen.
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public Upsert upsert(WorkInput in, Actor actor, boolean dryRun) {
        String zoneId = zoneFor(in.geometry());
        List<CurvePoint> curve = in.plannedCurve() != null ? in.plannedCurve()
                : PlannedCurve.derive(in.plannedStart(), in.plannedEnd());
        Optional<PublicWork> existing = PublicWork.findByCode(in.code());
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        if (existing.isEmpty()) {
            UUID id = idFor(in.code());
            if (dryRun) {
                return new Upsert(Outcome.CREATED, id, 1);
            }
            PublicWork w = new PublicWork();
            w.id = id;
            w.code = in.code();
            apply(w, in, curve, zoneId);
            w.rev = 1;
            w.createdAt = now;
            w.updatedAt = now;
            w.persist();
            record(w, actor, "CREATE", null);
            return new Upsert(Outcome.CREATED, w.id, w.rev);
        }
        PublicWork w = existing.get();
        if (same(w, in, curve, zoneId)) {
            return new Upsert(Outcome.UNCHANGED, w.id, w.rev);
        }
        if (dryRun) {
            return new Upsert(Outcome.UPDATED, w.id, w.rev + 1);
        }
        ObjectNode before = workMapper.toJson(w);
        apply(w, in, curve, zoneId);
        w.rev = w.rev + 1;
        w.updatedAt = now;
        record(w, actor, "UPDATE", before);
        return new Upsert(Outcome.UPDATED, w.id, w.rev);
    }

    /**
     * The smallest zone containing the work's centroid: its AGEB, or its locality or the municipality
     * for works outside the urban AGEBs, so that sync by zone still reaches them. Null when no zone
     * is loaded there.
     */
    public String zoneFor(Geometry g) {
        if (g == null || g.isEmpty()) {
            return null;
        }
        Point c = g.getCentroid();
        @SuppressWarnings("unchecked")
        List<String> ids = em.createNativeQuery("""
                        SELECT z.id FROM zone z
                        WHERE ST_Covers(z.geom, ST_SetSRID(ST_MakePoint(:x, :y), 4326))
                        ORDER BY CASE z.zone_type WHEN 'AGEB' THEN 0 WHEN 'LOCALITY' THEN 1 ELSE 2 END, z.id
                        LIMIT 1
                        """)
                .setParameter("x", c.getX())
                .setParameter("y", c.getY())
                .getResultList();
        return ids.isEmpty() ? null : ids.get(0);
    }

    private void apply(PublicWork w, WorkInput in, List<CurvePoint> curve, String zoneId) {
        w.name = in.name();
        w.programme = in.programme();
        w.fund = in.fund();
        w.budgetMxn = in.budgetMxn();
        w.contractor = in.contractor();
        w.plannedStart = in.plannedStart();
        w.plannedEnd = in.plannedEnd();
        w.plannedCurve = PlannedCurve.toJson(curve).toString();
        w.description = in.description();
        w.zoneId = zoneId;
        w.geom = in.geometry();
    }

    private boolean same(PublicWork w, WorkInput in, List<CurvePoint> curve, String zoneId) {
        return Objects.equals(w.name, in.name())
                && Objects.equals(w.programme, in.programme())
                && Objects.equals(w.fund, in.fund())
                && (w.budgetMxn == null ? in.budgetMxn() == null
                    : in.budgetMxn() != null && w.budgetMxn.compareTo(in.budgetMxn()) == 0)
                && Objects.equals(w.contractor, in.contractor())
                && Objects.equals(w.plannedStart, in.plannedStart())
                && Objects.equals(w.plannedEnd, in.plannedEnd())
                && workMapper.curve(w).equals(curve)
                && Objects.equals(w.description, in.description())
                && Objects.equals(w.zoneId, zoneId)
                && sameGeometry(w.geom, in.geometry());
    }

    private static boolean sameGeometry(Geometry a, Geometry b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.getGeometryType().equals(b.getGeometryType()) && a.equalsExact(b);
    }

    /** Change log (devices pull it), outbox event and audit trail, in the same transaction as the write. */
    private void record(PublicWork w, Actor actor, String action, ObjectNode before) {
        em.flush();
        changeLog.append(ChangeLog.WORK, w.id.toString(), "UPSERT", w.rev, null);
        inspectorFeed.workChanged(w.id);
        ObjectNode after = workMapper.toJson(w);
        referenceEvents.workUpserted(w.id, after);
        audit.record(actor.name(), action, ENTITY_TYPE, w.id.toString(), before == null ? null : before.toString(),
                after.toString());
    }
}
