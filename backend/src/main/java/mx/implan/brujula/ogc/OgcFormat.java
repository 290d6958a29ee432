package mx.implan.brujula.ogc;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.Locale;

/** The encoding of an answer: {@code ?f=} wins; otherwise the {@code Accept} header; JSON by default. */
public enum OgcFormat {
    JSON, HTML;

    public static OgcFormat of(String f, HttpHeaders headers, Locale locale) {
        if (f != null) {
            return switch (f.strip().toLowerCase(Locale.ROOT)) {
                case "json", "geojson" -> JSON;
                case "html" -> HTML;
                default -> throw ItemsRequest.invalid("f", "UNKNOWN_FORMAT", locale, "Unknown format; one of: json, html");
            };
        }
        List<MediaType> accepted = headers.getAcceptableMediaTypes();
        for (MediaType m : accepted) {
            if (m.isWildcardType()) {
                return JSON;
            }
            if ("text".equals(m.getType()) && "html".equals(m.getSubtype())) {
                return HTML;
            }
            if (m.getSubtype().endsWith("json")) {
                return JSON;
            }
        }
        return JSON;
    }
}
