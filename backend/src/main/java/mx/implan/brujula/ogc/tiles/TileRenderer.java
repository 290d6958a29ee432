package mx.implan.brujula.ogc.tiles;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import mx.implan.brujula.ogc.OgcCollection;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/** Renders a tile in PostGIS — clusters or features, as {@link TilesConfig} says for the collection and zoom — and compresses it. */
@ApplicationScoped
public class TileRenderer {

    @Inject
    AgroalDataSource dataSource;
    @Inject
    TilesConfig config;

    RenderedTile render(OgcCollection c, TileAddress t, String base) {
        boolean clustered = clustered(c, t.z());
        TileSql.Statement s = clustered ? TileSql.clusters(c, t, config.clusterCells(), base) : TileSql.features(c, t, base);
        byte[] mvt = query(s);
        if (mvt == null || mvt.length == 0) {
            return new RenderedTile(new byte[0], etag(new byte[0]), base);
        }
        return new RenderedTile(gzip(mvt), etag(mvt), base);
    }

    boolean clustered(OgcCollection c, int z) {
        return z < config.clusterBelowZoom() && config.clusteredCollections().contains(c.id());
    }

    /**
     * The names of the collection's simple properties: its properties expression evaluated on one
     * row of NULLs (a join that matches nothing), so an empty collection has its fields too.
     */
    List<String> fields(OgcCollection c) {
        // Lists (photo URLs) are lists even on NULLs: they are left out as tiles leave them out.
        String sql = "SELECT array_agg(p.key ORDER BY p.key) FROM (SELECT 1) AS one LEFT JOIN (" + c.from() + ") ON FALSE, "
                + "jsonb_each(CAST(" + c.properties().replace("{base}", "CAST(NULL AS text)") + " AS jsonb)) p WHERE jsonb_typeof(p.value) NOT IN ('array', 'object')";
        try (Connection conn = dataSource.getConnection(); PreparedStatement ps = conn.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            java.sql.Array names = rs.next() ? rs.getArray(1) : null;
            List<String> derived = TileInvalidation.derivedProperties(c.id());
            return names == null ? List.of() : java.util.Arrays.stream((String[]) names.getArray()).filter(n -> !derived.contains(n)).toList();
        } catch (SQLException e) {
            throw new IllegalStateException("tile fields query failed", e);
        }
    }

    private byte[] query(TileSql.Statement s) {
        try (Connection conn = dataSource.getConnection(); PreparedStatement ps = conn.prepareStatement(s.sql())) {
            List<Object> params = s.params();
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getBytes(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("tile query failed", e);
        }
    }

    private static byte[] gzip(byte[] plain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length / 2 + 64);
        // Fast compression: a tile is rendered on a request's clock, and level 1 already halves an MVT.
        try (GZIPOutputStream gz = new GZIPOutputStream(out) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            gz.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String etag(byte[] plain) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(plain);
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
