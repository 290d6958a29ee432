package mx.implan.brujula.ogc.tiles;

import java.util.Arrays;

/** The two request headers a tile answer depends on, read as RFC 9110 says. */
final class HttpPreconditions {

    private HttpPreconditions() {
    }

    /** Whether {@code If-None-Match} names the tile's ETag ({@code *}, a list, weak tags compared weakly). */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        return Arrays.stream(ifNoneMatch.split(",")).map(String::trim)
                .map(tag -> tag.startsWith("W/") ? tag.substring(2) : tag)
                .anyMatch(tag -> tag.equals("*") || tag.equals(etag));
    }

    /** Whether {@code Accept-Encoding} lists gzip (or {@code *}) without {@code q=0}. */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String part : acceptEncoding.split(",")) {
            String[] p = part.trim().split(";");
            String coding = p[0].trim().toLowerCase(java.util.Locale.ROOT);
            if (!coding.equals("gzip") && !coding.equals("*")) {
                continue;
            }
            boolean refused = Arrays.stream(p).skip(1).map(String::trim).map(q -> q.replace(" ", ""))
                    .anyMatch(q -> q.matches("q=0(\\.0{0,3})?"));
            return !refused;
        }
        return false;
    }
}
