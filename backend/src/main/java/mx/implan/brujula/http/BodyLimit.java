package mx.implan.brujula.http;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.Locale;

/**
 * Refuses a body by its {@code Content-Length} before anything of it is read, with 413 in the
 * path's error format ({@link Refusals}), against the limit of the request's route: a feature
 * declares its own as a {@link Route} bean (the push its {@code maxBytes}); other JSON bodies under
 * {@code /api/} have {@code brujula.http.max-json-body}; everything else the HTTP layer's
 * {@code quarkus.http.limits.max-body-size}, which Quarkus alone would refuse with a bare 413. A
 * client that sends {@code Expect: 100-continue} learns it before sending the body; one that sends
 * anyway finds the answer after its body (read and discarded, up to the HTTP layer's limit, never
 * parsed). Chunked bodies (no length) are counted as they arrive, by the endpoint or by Quarkus.
 */
@ApplicationScoped
public class BodyLimit {

    /** Just before Quarkus's own upload limit ({@code RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT}, -2). */
    static final int ROUTE_ORDER = -3;
    /** The problem member naming the HTTP layer's limit. */
    public static final String MAX_BODY_BYTES = "maxBodyBytes";

    /** A route's own body limit, declared by its feature as a bean. */
    public interface Route {

        /** Whether this limit governs a request with this method and path. */
        boolean governs(HttpMethod method, String path);

        /** The problem member that names the limit, e.g. {@code maxBytes}. */
        String name();

        /** Largest body in bytes. */
        long max();
    }

    /** The limit that applies to one request. */
    public record Limit(String name, long max) {
    }

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize maxBodySize;
    @Inject
    HttpConfig config;
    @Inject
    Instance<Route> routes;
    @Inject
    Refusals refusals;

    /** The HTTP layer's limit, for every path. */
    public long max() {
        return maxBodySize.asLongValue();
    }

    void route(@Observes Router router) {
        List<Route> own = routes.stream().toList();
        router.route().order(ROUTE_ORDER).handler(ctx -> {
            long length = contentLength(ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH));
            if (length > max()) {
                // Over the HTTP layer's limit, whatever the route: not a byte of it is read.
                refusals.refuse(ctx, ApiProblem.tooLarge(MAX_BODY_BYTES, max()));
                return;
            }
            Limit limit = limitOf(ctx.request(), own);
            if (length > limit.max()) {
                // Answered at once, then the body is let through unread so the client reaches the answer.
                refusals.refuseAfterBody(ctx, ApiProblem.tooLarge(limit.name(), limit.max()));
                return;
            }
            ctx.next();
        });
    }

    Limit limitOf(HttpServerRequest request, List<Route> own) {
        String path = request.path() == null ? "" : request.path();
        for (Route route : own) {
            if (route.governs(request.method(), path)) {
                return new Limit(route.name(), route.max());
            }
        }
        if (path.startsWith("/api/") && isJson(request.getHeader(HttpHeaders.CONTENT_TYPE))) {
            return new Limit("maxBytes", config.maxJsonBody().asLongValue());
        }
        return new Limit(MAX_BODY_BYTES, max());
    }

    /** {@code application/json} and the {@code +json} types (e.g. GeoJSON). */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || type.startsWith("application/") && type.endsWith("+json");
    }

    /** The announced length, or -1 (chunked, or malformed: the HTTP layer refuses that itself). */
    private static long contentLength(String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.strip());
        } catch (NumberFormatException malformed) {
            return -1;
        }
    }
}
