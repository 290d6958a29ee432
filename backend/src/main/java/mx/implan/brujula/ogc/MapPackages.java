package mx.implan.brujula.ogc;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import mx.implan.brujula.assignments.Assignments;
import mx.implan.brujula.auth.Actor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * The offline map of a field user: the zones they work in (AGEBs and localities, with a point to
 * write each name at), the public works inside them and the municipal boundary, as GeoJSON
 * simplified by PostGIS to what a phone screen shows. Supervisors and admins get every locality and
 * work. The version is the SHA-256 of the content, so a device downloads it again only when its
 * zones, their works or the boundary changed.
 */
@ApplicationScoped
public class MapPackages {

    /** About 2 m at Hermosillo's latitude: invisible at street zoom, and it keeps packages small. */
    private static final double ZONE_TOLERANCE_DEG = 0.00002;
    /** About 30 m: the municipal boundary only frames the map. */
    private static final double BOUNDARY_TOLERANCE_DEG = 0.0003;

    /** The package text and its version. */
    public record MapPackage(String version, String json) {
    }

    @Inject
    Assignments assignments;
    @Inject
    AgroalDataSource dataSource;

    public MapPackage of(Actor actor) throws SQLException {
        Assignments.MyAssignments mine = assignments.mine(actor);
        List<String> zones = mine.zones().stream().map(Assignments.AssignedZone::zoneId).toList();
        List<UUID> works = mine.works().stream().map(w -> UUID.fromString(w.path("id").asText())).toList();
        boolean municipality = "MUNICIPALITY".equals(mine.scope());
        try (Connection c = dataSource.getConnection()) {
            String zoneFeatures = collection(c, """
                    SELECT json_build_object('type', 'Feature', 'id', z.id,
                        'geometry', CAST(ST_AsGeoJSON(ST_SimplifyPreserveTopology(z.geom, ?), 6) AS json),
                        'properties', json_build_object('type', z.zone_type, 'name', z.name,
                            'label', json_build_array(round(CAST(ST_X(p) AS numeric), 6), round(CAST(ST_Y(p) AS numeric), 6))))
                    FROM zone z CROSS JOIN LATERAL ST_PointOnSurface(z.geom) p
                    WHERE (? AND z.zone_type = 'LOCALITY') OR z.id = ANY (?)
                    ORDER BY z.zone_type, z.id""", ZONE_TOLERANCE_DEG, municipality, c.createArrayOf("text", zones.toArray()));
            String workFeatures = collection(c, """
                    SELECT json_build_object('type', 'Feature', 'id', w.id,
                        'geometry', CAST(ST_AsGeoJSON(w.geom, 6) AS json),
                        'properties', json_build_object('code', w.code, 'name', w.name))
                    FROM public_work w WHERE w.geom IS NOT NULL AND w.id = ANY (?)
                    ORDER BY w.code""", c.createArrayOf("uuid", works.toArray()));
            String boundary = collection(c, """
                    SELECT json_build_object('type', 'Feature', 'id', z.id,
                        'geometry', CAST(ST_AsGeoJSON(ST_SimplifyPreserveTopology(z.geom, ?), 6) AS json),
                        'properties', json_build_object('type', z.zone_type, 'name', z.name))
                    FROM zone z WHERE z.zone_type = 'MUNICIPALITY' ORDER BY z.id""", BOUNDARY_TOLERANCE_DEG);
            String content = "\"zones\":" + zoneFeatures + ",\"works\":" + workFeatures + ",\"boundary\":" + boundary;
            String version = sha256(content);
            return new MapPackage(version, "{\"version\":\"" + version + "\",\"scope\":\"" + mine.scope() + "\"," + content + "}");
        }
    }

    private static String collection(Connection c, String sql, Object... params) throws SQLException {
        StringBuilder out = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                boolean first = true;
                while (rs.next()) {
                    if (!first) {
                        out.append(',');
                    }
                    out.append(rs.getString(1));
                    first = false;
                }
            }
        }
        return out.append("]}").toString();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
