package mx.implan.brujula.ogc.tiles;

import mx.implan.brujula.http.QueryParams;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A tile of the WebMercatorQuad tile matrix set: zoom 0–22, column x and row y in 0..2^z−1. */
public record TileAddress(int z, int x, int y) {

    public static final int MAX_ZOOM = 22;

    /** The tile from its path segments, or a 400 naming the first bad one (digits only: no sign, no fraction). */
    public static TileAddress parse(String z, String y, String x, Locale locale) {
        int zoom = integer("z", z, MAX_ZOOM, locale);
        int max = (1 << zoom) - 1;
        int row = integer("y", y, max, locale);
        int column = integer("x", x, max, locale);
        return new TileAddress(zoom, column, row);
    }

    private static int integer(String field, String raw, int max, Locale locale) {
        if (raw == null || raw.isEmpty() || raw.length() > 8 || !raw.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw QueryParams.invalid(field, "TILE_INDEX_FORMAT", locale, "Must be a whole number from 0 to {0}", max);
        }
        int v = Integer.parseInt(raw);
        if (v > max) {
            throw QueryParams.invalid(field, "TILE_INDEX_RANGE", locale, "Out of range: from 0 to {0} at this zoom", max);
        }
        return v;
    }

    /** The tile at zoom {@code z} that holds the point (lon/lat in degrees); points on an edge go to the east/south tile. */
    public static TileAddress containing(double lon, double lat, int z) {
        int n = 1 << z;
        double clampedLat = Math.max(-85.0511287798, Math.min(85.0511287798, lat));
        int x = (int) Math.floor((lon + 180.0) / 360.0 * n);
        double rad = Math.toRadians(clampedLat);
        int y = (int) Math.floor((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2 * n);
        return new TileAddress(z, Math.max(0, Math.min(n - 1, x)), Math.max(0, Math.min(n - 1, y)));
    }

    /**
     * Every tile, at every zoom, that may show something inside the box: a feature is drawn in the
     * tiles its box touches plus the render buffer, so each side is widened by one tile's buffer share.
     */
    public static List<TileAddress> covering(double minLon, double minLat, double maxLon, double maxLat) {
        List<TileAddress> tiles = new ArrayList<>();
        for (int z = 0; z <= MAX_ZOOM; z++) {
            double margin = 360.0 / (1 << z) * TileSql.BUFFER / TileSql.EXTENT;
            TileAddress nw = containing(minLon - margin, maxLat + margin, z);
            TileAddress se = containing(maxLon + margin, minLat - margin, z);
            if ((long) (se.x - nw.x + 1) * (se.y - nw.y + 1) > 64) {
                tiles.add(new TileAddress(z, -1, -1)); // too many: the whole zoom
                continue;
            }
            for (int x = nw.x; x <= se.x; x++) {
                for (int y = nw.y; y <= se.y; y++) {
                    tiles.add(new TileAddress(z, x, y));
                }
            }
        }
        return tiles;
    }

    public boolean wholeZoom() {
        return x < 0;
    }
}
