package mx.implan.brujula.ogc;

import java.util.List;
import java.util.Optional;

/**
 * A coordinate reference system the OGC API answers in (Part 2, CRS by reference). Geometries are
 * stored in EPSG:4326 with longitude first, which is what CRS84 means; EPSG:4326 itself puts
 * latitude first, as its definition says, so answers in it swap the axes.
 *
 * @param uri        the CRS's OGC URI, as clients send it in {@code crs} and {@code bbox-crs}
 * @param srid       the PostGIS SRID the geometry is transformed to
 * @param latFirst   the CRS's first axis is latitude (coordinates are swapped on the way out and in)
 * @param decimals   digits kept after the point: 7 in degrees (about 1 cm), 3 in metres
 */
public record Crs(String uri, int srid, boolean latFirst, int decimals) {

    public static final Crs CRS84 = new Crs("http://www.opengis.net/def/crs/OGC/1.3/CRS84", 4326, false, 7);
    public static final Crs EPSG_4326 = new Crs("http://www.opengis.net/def/crs/EPSG/0/4326", 4326, true, 7);
    public static final Crs WEB_MERCATOR = new Crs("http://www.opengis.net/def/crs/EPSG/0/3857", 3857, false, 3);
    /** Mexico ITRF2008 / LCC, the projection of INEGI's cartography. */
    public static final Crs MEXICO_LCC = new Crs("http://www.opengis.net/def/crs/EPSG/0/6372", 6372, false, 3);
    /** UTM zone 12N, the UTM zone of Hermosillo. */
    public static final Crs UTM_12N = new Crs("http://www.opengis.net/def/crs/EPSG/0/32612", 32612, false, 3);

    public static final List<Crs> SUPPORTED = List.of(CRS84, EPSG_4326, WEB_MERCATOR, MEXICO_LCC, UTM_12N);

    /** The CRS a URI names; the short {@code EPSG:n} form and the CRS84 URI's variants are read too. */
    public static Optional<Crs> byUri(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String uri = raw.strip();
        if (uri.startsWith("[") && uri.endsWith("]")) {
            uri = uri.substring(1, uri.length() - 1); // a safe CURIE, [EPSG:4326]
        }
        if (uri.startsWith("https://")) {
            uri = "http://" + uri.substring("https://".length());
        }
        for (Crs crs : SUPPORTED) {
            if (crs.uri.equals(uri) || crs.curie().equalsIgnoreCase(uri)) {
                return Optional.of(crs);
            }
        }
        return Optional.empty();
    }

    /** {@code OGC:CRS84} or {@code EPSG:n}. */
    public String curie() {
        return this == CRS84 || uri.equals(CRS84.uri) ? "OGC:CRS84" : "EPSG:" + srid;
    }

    public boolean isDefault() {
        return uri.equals(CRS84.uri);
    }
}
