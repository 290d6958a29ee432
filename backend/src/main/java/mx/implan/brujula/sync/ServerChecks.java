package mx.implan.brujula.sync;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import mx.implan.brujula.model.observation.Flag;
import mx.implan.brujula.model.observation.Observation;
import mx.implan.brujula.model.observation.ObservationKind;
import mx.implan.brujula.model.observation.PhotoRef;
import mx.implan.brujula.observations.ObservationMapper;
import org.hibernate.Session;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.WKBWriter;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Set;
import java.util.List;
import java.util.UUID;

/**
 * Checks that depend on server state (area of interest, works catalogue, clocks, photos that have
 * not arrived yet). They never
 * reject: offline work is stored with flags for review. One query answers the spatial and
 * catalogue questions for a whole batch and computes green areas' surface on the ellipsoid.
 */
@ApplicationScoped
public class ServerChecks {

    private static final String SQL = """
            SELECT (NOT EXISTS (SELECT 1 FROM area_of_interest)
                    OR EXISTS (SELECT 1 FROM area_of_interest a WHERE ST_Intersects(a.geom, t.g))),
                   (t.w = '' OR EXISTS (SELECT 1 FROM public_work pw WHERE pw.id = CAST(NULLIF(t.w, '') AS uuid))),
                   CASE WHEN t.wants THEN ST_Area(t.g::geography) END,
                   (t.p = '' OR NOT EXISTS (SELECT 1 FROM unnest(string_to_array(t.p, ',')) AS h
                                            WHERE NOT EXISTS (SELECT 1 FROM attachment a WHERE a.sha256 = h)))
            FROM (SELECT u.i, ST_SetSRID(ST_GeomFromWKB(decode(u.wkb, 'hex')), 4326) AS g, u.w, u.wants, u.p
                  FROM unnest(?::text[], ?::text[], ?::boolean[], ?::text[]) WITH ORDINALITY AS u(wkb, w, wants, p, i)) t
            ORDER BY t.i""";

    @Inject
    EntityManager em;
    @Inject
    SyncConfig config;

    public record Outcome(List<Flag> flags, Double areaM2, Long clockOffsetSeconds) {
    }

    /**
     * The stored flags after new content was checked: those in {@code recomputed} come from {@code computed},
     * the others (set by people or other checks, e.g. DUPLICATE_NEARBY) are kept.
     */
    public static List<Flag> restamp(List<Flag> stored, List<Flag> computed, Set<Flag> recomputed) {
        EnumSet<Flag> flags = EnumSet.noneOf(Flag.class);
        stored.stream().filter(f -> !recomputed.contains(f)).forEach(flags::add);
        flags.addAll(computed);
        return List.copyOf(flags);
    }

    public Outcome check(Observation o, OffsetDateTime sentAt, OffsetDateTime receivedAt) {
        return em.unwrap(Session.class).doReturningWork(c -> checkAll(c, List.of(o), sentAt, receivedAt)).get(0);
    }

    /** The outcomes of {@code observations}, in order, with one round trip. */
    public List<Outcome> checkAll(Connection connection, List<Observation> observations, OffsetDateTime sentAt,
                                  OffsetDateTime receivedAt) throws SQLException {
        int n = observations.size();
        String[] wkb = new String[n];
        String[] works = new String[n];
        Boolean[] wantsArea = new Boolean[n];
        String[] photos = new String[n];
        WKBWriter writer = new WKBWriter(2);
        for (int i = 0; i < n; i++) {
            Observation o = observations.get(i);
            wkb[i] = WKBWriter.toHex(writer.write(o.geometry()));
            UUID work = ObservationMapper.publicWorkId(o);
            works[i] = work == null ? "" : work.toString();
            wantsArea[i] = o.kind() == ObservationKind.GREEN_AREA && o.geometry() instanceof Polygon;
            // Hashes are validated hex (no commas): one text per item keeps the array rectangular.
            photos[i] = String.join(",", o.photosOrEmpty().stream().map(PhotoRef::sha256).toList());
        }
        List<Outcome> outcomes = new ArrayList<>(n);
        try (PreparedStatement ps = connection.prepareStatement(SQL)) {
            ps.setArray(1, connection.createArrayOf("text", wkb));
            ps.setArray(2, connection.createArrayOf("text", works));
            ps.setArray(3, connection.createArrayOf("boolean", wantsArea));
            ps.setArray(4, connection.createArrayOf("text", photos));
            try (ResultSet rs = ps.executeQuery()) {
                int i = 0;
                while (rs.next()) {
                    Observation o = observations.get(i++);
                    List<Flag> flags = new ArrayList<>(2);
                    if (!rs.getBoolean(1)) {
                        flags.add(Flag.OUTSIDE_AOI);
                    }
                    UUID work = ObservationMapper.publicWorkId(o);
                    if (o.kind() == ObservationKind.WORKS_PROGRESS && (work == null || !rs.getBoolean(2))) {
                        flags.add(Flag.UNKNOWN_WORK);
                    }
                    if (!rs.getBoolean(4)) {
                        flags.add(Flag.INCOMPLETE);
                    }
                    double area = rs.getDouble(3);
                    Double areaM2 = rs.wasNull() ? null : area;
                    Long offset = clockOffset(o, sentAt, receivedAt, flags);
                    outcomes.add(new Outcome(flags, areaM2, offset));
                }
            }
        }
        return outcomes;
    }

    /** receivedAt − sentAt when the device clock is off; also flags a capturedAt in the future. */
    private Long clockOffset(Observation o, OffsetDateTime sentAt, OffsetDateTime receivedAt, List<Flag> flags) {
        Duration tolerance = config.clockSkewTolerance();
        Duration offset = sentAt == null ? Duration.ZERO : Duration.between(sentAt, receivedAt);
        boolean deviceClockOff = offset.abs().compareTo(tolerance) > 0;
        OffsetDateTime corrected = deviceClockOff ? o.capturedAt().plus(offset) : o.capturedAt();
        boolean capturedInFuture = corrected.isAfter(receivedAt.plus(tolerance));
        if (deviceClockOff || capturedInFuture) {
            flags.add(Flag.CLOCK_SKEW);
        }
        return deviceClockOff ? offset.getSeconds() : null;
    }
}
