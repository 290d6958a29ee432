package mx.implan.brujula.citizen;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import mx.implan.brujula.http.BodyLimit;
import mx.implan.brujula.http.RequestLocale;

/** {@link BodyLimit}'s refusal for the GeoReport v2 paths, in the spec's error format (JSON or XML by extension). */
@ApplicationScoped
public class Open311BodyLimit {

    @Inject
    BodyLimit limit;

    void route(@Observes Router router) {
        router.route().order(BodyLimit.ROUTE_ORDER).handler(BodyLimit.refuse(limit::max, (ctx, max) -> {
            String path = ctx.request().path();
            Open311Format format = Open311Format.of(path.substring(path.lastIndexOf('.') + 1));
            ReportForm.Text t = new ReportForm.Text(RequestLocale.from(ctx.request().getHeader(HttpHeaders.ACCEPT_LANGUAGE)));
            return new BodyLimit.Refusal(format.mediaType(), format.errorBody(413, t.of(
                    "La solicitud excede el límite de " + max + " bytes", "The request exceeds the limit of " + max + " bytes")));
        }, path -> path.startsWith("/open311/")));
    }
}
