package mx.implan.brujula.http;

import io.vertx.ext.web.RoutingContext;

/**
 * The error format of a feature whose paths do not speak problem+json (Open311 answers in the
 * GeoReport v2 format). Refusals made by the HTTP layer before any endpoint runs — a body over a
 * limit, a body or header that stops coming, a request without {@code Host} — are rendered by it
 * on the paths under {@link #pathPrefix()}.
 */
public interface RefusalFormat {

    /** Paths starting with this (e.g. {@code /open311/}) are answered in this format. */
    String pathPrefix();

    /**
     * The answer to {@code problem} (status, stable code, arguments, extensions such as the limit);
     * {@code detail} is its text in the caller's language.
     */
    Refusal render(RoutingContext ctx, ApiProblem problem, String detail);

    /** What a refused request is answered with. */
    record Refusal(String contentType, String body) {
    }
}
