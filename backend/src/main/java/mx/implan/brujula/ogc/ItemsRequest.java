package mx.implan.brujula.ogc;

import mx.implan.brujula.http.ApiProblem;
import mx.implan.brujula.http.QueryParams;
import mx.implan.brujula.ogc.OgcCollection.Queryable;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The parameters of {@code GET /ogc/collections/{id}/items}, checked as OGC API – Features asks: a
 * parameter the server does not know, or a value it cannot read, is 400 with the reason, never
 * ignored (the client would believe a filter applied that did not).
 */
public record ItemsRequest(int limit, Optional<Envelope> bbox, Optional<Datetimes.Range> datetime, Crs crs,
                           Map<Queryable, String> filters, Optional<Cursor> cursor, OgcFormat format) {

    public static final int DEFAULT_LIMIT = 10;
    public static final int MAX_LIMIT = 10_000;
    private static final Set<String> STANDARD = Set.of("f", "limit", "bbox", "bbox-crs", "datetime", "crs", "cursor");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d{1,30}(\\.\\d{0,30})?|\\.\\d{1,30})([eE][-+]?\\d{1,3})?");
    private static final Pattern INTEGER = Pattern.compile("[-+]?\\d{1,9}");

    /** A box in {@code crs}'s own axis order, as given. */
    public record Envelope(double x1, double y1, double x2, double y2, Crs crs) {
    }

    public static ItemsRequest parse(OgcCollection collection, Map<String, List<String>> query, OgcFormat format,
                                     Datetimes datetimes, Locale locale) {
        for (Map.Entry<String, List<String>> e : query.entrySet()) {
            if (!STANDARD.contains(e.getKey()) && collection.queryable(e.getKey()).isEmpty()) {
                Set<String> known = new TreeSet<>(STANDARD);
                collection.queryables().forEach(q -> known.add(q.name()));
                throw QueryParams.invalid(e.getKey(), "UNKNOWN_PARAMETER", locale,
                        "Unknown parameter; this collection takes: {0}", String.join(", ", known));
            }
            if (e.getValue().size() > 1) {
                throw QueryParams.invalid(e.getKey(), "REPEATED_PARAMETER", locale, "Given more than once");
            }
        }
        int limit = limit(one(query, "limit"), locale);
        Crs crs = crs("crs", one(query, "crs"), locale);
        Crs bboxCrs = crs("bbox-crs", one(query, "bbox-crs"), locale);
        if (one(query, "bbox-crs") != null && one(query, "bbox") == null) {
            throw QueryParams.invalid("bbox-crs", "BBOX_CRS_WITHOUT_BBOX", locale, "Given without bbox");
        }
        Optional<Envelope> bbox = bbox(one(query, "bbox"), bboxCrs, locale);
        Optional<Datetimes.Range> datetime = datetimes.parse(one(query, "datetime"), locale);
        if (datetime.isPresent() && collection.time().isEmpty()) {
            throw QueryParams.invalid("datetime", "NO_TEMPORAL_PROPERTY", locale, "This collection has no time to filter on");
        }
        Map<Queryable, String> filters = new LinkedHashMap<>();
        for (Queryable q : collection.queryables()) {
            String raw = one(query, q.name());
            if (raw != null) {
                filters.put(q, filterValue(q, raw, locale));
            }
        }
        Optional<Cursor> cursor = Optional.ofNullable(one(query, "cursor"))
                .map(c -> Cursor.decode(collection, c, locale));
        return new ItemsRequest(limit, bbox, datetime, crs, Map.copyOf(filters), cursor, format);
    }

    private static String one(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static int limit(String raw, Locale locale) {
        if (raw == null) {
            return DEFAULT_LIMIT;
        }
        String text = raw.strip();
        if (!Pattern.matches("[-+]?\\d+", text)) {
            throw QueryParams.invalid("limit", "NOT_AN_INTEGER", locale, "Must be an integer");
        }
        BigInteger value = new BigInteger(text);
        if (value.signum() < 1 || value.compareTo(BigInteger.valueOf(MAX_LIMIT)) > 0) {
            throw QueryParams.invalid("limit", "LIMIT_RANGE", locale, "Must be between 1 and {0}", String.valueOf(MAX_LIMIT));
        }
        return value.intValue();
    }

    static Crs crs(String name, String raw, Locale locale) {
        if (raw == null) {
            return Crs.CRS84;
        }
        return Crs.byUri(raw).orElseThrow(() -> QueryParams.invalid(name, "UNSUPPORTED_CRS", locale,
                "Unsupported CRS; one of: {0}", String.join(", ", Crs.SUPPORTED.stream().map(Crs::uri).toList())));
    }

    private static Optional<Envelope> bbox(String raw, Crs crs, Locale locale) {
        if (raw == null) {
            return Optional.empty();
        }
        String[] parts = raw.split(",", -1);
        if (parts.length != 4 && parts.length != 6) {
            throw QueryParams.invalid("bbox", "OGC_BBOX_FORMAT", locale, "Expected four or six numbers separated by commas");
        }
        double[] v = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i].strip();
            if (!DECIMAL.matcher(part).matches() || !Double.isFinite(Double.parseDouble(part))) {
                throw QueryParams.invalid("bbox", "OGC_BBOX_FORMAT", locale, "Expected four or six numbers separated by commas");
            }
            v[i] = Double.parseDouble(part);
        }
        // Six numbers carry heights (min and max); the stored geometries are 2D, so they filter nothing.
        double[] xy = parts.length == 4 ? v : new double[]{v[0], v[1], v[3], v[4]};
        if (xy[0] > xy[2] || xy[1] > xy[3]) {
            throw QueryParams.invalid("bbox", "BBOX_INVERTED", locale, "Minimum greater than maximum");
        }
        if (crs.srid() == 4326) {
            double lonMin = crs.latFirst() ? xy[1] : xy[0];
            double lonMax = crs.latFirst() ? xy[3] : xy[2];
            double latMin = crs.latFirst() ? xy[0] : xy[1];
            double latMax = crs.latFirst() ? xy[2] : xy[3];
            if (lonMin < -180 || lonMax > 180) {
                throw QueryParams.invalid("bbox", "LON_RANGE", locale, "Longitude must be between -180 and 180");
            }
            if (latMin < -90 || latMax > 90) {
                throw QueryParams.invalid("bbox", "LAT_RANGE", locale, "Latitude must be between -90 and 90");
            }
        } else if (Math.abs(xy[0]) > 1e8 || Math.abs(xy[1]) > 1e8 || Math.abs(xy[2]) > 1e8 || Math.abs(xy[3]) > 1e8) {
            throw QueryParams.invalid("bbox", "BBOX_RANGE", locale, "Coordinates out of the CRS's range");
        }
        return Optional.of(new Envelope(xy[0], xy[1], xy[2], xy[3], crs));
    }

    private static String filterValue(Queryable q, String raw, Locale locale) {
        String value = raw.strip();
        if (value.isEmpty()) {
            throw QueryParams.invalid(q.name(), "EMPTY_FILTER", locale, "Must not be empty");
        }
        switch (q.type()) {
            case INTEGER -> {
                if (!INTEGER.matcher(value).matches()) {
                    throw QueryParams.invalid(q.name(), "NOT_AN_INTEGER", locale, "Must be an integer");
                }
                return Integer.toString(Integer.parseInt(value));
            }
            case BOOLEAN -> {
                return Boolean.toString(QueryParams.flag(q.name(), value, false, locale));
            }
            default -> {
                if (value.length() > 200) {
                    throw QueryParams.invalid(q.name(), "FILTER_TOO_LONG", locale, "At most 200 characters");
                }
                if (!q.values().isEmpty() && !q.values().contains(value)) {
                    throw QueryParams.invalid(q.name(), "UNKNOWN_VALUE", locale, "Unknown value; one of: {0}", String.join(", ", q.values()));
                }
                return value;
            }
        }
    }

    /** The filters as (queryable, value) pairs in the collection's order, for links. */
    public List<Map.Entry<String, String>> filterParams() {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        filters.forEach((q, v) -> out.add(Map.entry(q.name(), v)));
        out.sort(Map.Entry.comparingByKey());
        return out;
    }

    static ApiProblem invalid(String field, String code, Locale locale, String fallback, Object... args) {
        return QueryParams.invalid(field, code, locale, fallback, args);
    }
}
