package mx.implan.brujula.citizen;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import mx.implan.brujula.http.ApiProblem;
import mx.implan.brujula.http.RefusalFormat;
import mx.implan.brujula.http.RequestLocale;

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
        String path = ctx.request().path();
        Open311Format format = Open311Format.of(path.substring(path.lastIndexOf('.') + 1));
        String description = detail;
        if (problem.status() == 413) {
            long max = problem.extensions().values().stream().filter(Number.class::isInstance)
                    .mapToLong(v -> ((Number) v).longValue()).findFirst().orElse(0);
            ReportForm.Text t = new ReportForm.Text(RequestLocale.from(ctx.request().getHeader(HttpHeaders.ACCEPT_LANGUAGE)));
            description = t.of("La solicitud excede el límite de " + max + " bytes", "The request exceeds the limit of " + max + " bytes");
        }
        return new Refusal(format.mediaType(), format.errorBody(problem.status(), description));
    }
}
