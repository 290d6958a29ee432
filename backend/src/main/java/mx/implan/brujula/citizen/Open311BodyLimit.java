package mx.implan.brujula.citizen;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import mx.implan.brujula.http.BodyLimit;

/** A body over the HTTP limit on a GeoReport v2 path: refused in the spec's error format (JSON or XML by extension). */
@ApplicationScoped
public class Open311BodyLimit implements BodyLimit.Format {

    @Override
    public String pathPrefix() {
        return Open311Path.PREFIX;
    }

    @Override
    public BodyLimit.Refusal refusal(RoutingContext ctx, long max) {
        Open311Format format = Open311Path.errorFormat(ctx.request().path());
        Open311Text t = Open311Text.of(ctx.request().getParam("lang"), ctx.request().getHeader(HttpHeaders.ACCEPT_LANGUAGE));
        return new BodyLimit.Refusal(format.mediaType(), format.errorBody(413, t.get("error.bodyTooLarge", max)));
    }
}
