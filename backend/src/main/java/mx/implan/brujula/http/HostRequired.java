package mx.implan.brujula.http;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A request without {@code Host} is answered 400 {@code HOST_REQUIRED} in the path's error format.
 * HTTP/1.1 requires the header (Vert.x refuses such a request, in a format of its own); HTTP/1.0
 * does not, but without it no absolute URI of the request exists and the REST layer cannot serve
 * it. Management paths ({@code /q/}: health, metrics) stay open to bare HTTP/1.0 probes.
 */
@ApplicationScoped
public class HostRequired {

    /** Before every other route of ours. */
    static final int ROUTE_ORDER = SlowClients.ROUTE_ORDER - 1;

    @Inject
    Refusals refusals;
    @ConfigProperty(name = "quarkus.http.non-application-root-path", defaultValue = "q")
    String managementRoot;

    void route(@Observes Router router) {
        String management = (managementRoot.startsWith("/") ? managementRoot : "/" + managementRoot).replaceAll("/*$", "/");
        router.route().order(ROUTE_ORDER).handler(ctx -> {
            String path = ctx.request().path();
            if (ctx.request().authority() == null && (path == null || !path.startsWith(management))) {
                refuse(ctx);
                return;
            }
            ctx.next();
        });
        // HTTP/1.1 without Host fails in the router before any route runs.
        router.route().order(ROUTE_ORDER).failureHandler(ctx -> {
            if (ctx.statusCode() == 400 && ctx.request().authority() == null) {
                refuse(ctx);
                return;
            }
            ctx.next();
        });
    }

    private void refuse(RoutingContext ctx) {
        refusals.refuse(ctx, ApiProblem.badRequest("HOST_REQUIRED", "The request has no Host header"));
    }
}
