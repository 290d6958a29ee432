package mx.implan.brujula.citizen;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import mx.implan.brujula.http.ApiProblem;
import mx.implan.brujula.http.RefusalFormat;

/**
 * Refusals of the HTTP layer on a GeoReport v2 path (a body over the limit, a body that stops
 * coming, no Host): answered in the spec's error format, JSON or XML by extension.
 */
@ApplicationScoped
public class Open311BodyLimit implements RefusalFormat {

    @Override
    public String pathPrefix() {
        return "/open311/";
    }

    @Override
    public Refusal render(RoutingContext ctx, ApiProblem problem, String detail) {
        Open311Format format = Open311Path.errorFormat(ctx.request().path());
        String description = detail;
        if (problem.status() == 413) {
            long max = problem.extensions().values().stream().filter(Number.class::isInstance)
                    .mapToLong(v -> ((Number) v).longValue()).findFirst().orElse(0);
            Open311Text t = Open311Text.of(ctx.request().getParam("lang"), ctx.request().getHeader(HttpHeaders.ACCEPT_LANGUAGE));
            description = t.get("error.bodyTooLarge", max);
        }
        return new Refusal(format.mediaType(), format.errorBody(problem.status(), description));
    }
}
