package mx.implan.brujula.citizen;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import mx.implan.brujula.http.BodyLimit;
import mx.implan.brujula.http.RequestLocale;

/** A body over the HTTP limit on a GeoReport v2 path: refused in the spec's error format (JSON or XML by extension). */
@ApplicationScoped
public class Open311BodyLimit implements BodyLimit.Format {

    @Override
    public String pathPrefix() {
        return "/open311/";
    }

    @Override
    public BodyLimit.Refusal refusal(RoutingContext ctx, long max) {
        String path = ctx.request().path();
        Open311Format format = Open311Format.of(path.substring(path.lastIndexOf('.') + 1));
        ReportForm.Text t = new ReportForm.Text(RequestLocale.from(ctx.request().getHeader(HttpHeaders.ACCEPT_LANGUAGE)));
        return new BodyLimit.Refusal(format.mediaType(), format.errorBody(413, t.of(
                "La solicitud excede el límite de " + max + " bytes", "The request exceeds the limit of " + max + " bytes")));
    }
}
