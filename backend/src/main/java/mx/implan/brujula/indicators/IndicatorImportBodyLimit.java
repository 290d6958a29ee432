package mx.implan.brujula.indicators;

import io.vertx.core.http.HttpMethod;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import mx.implan.brujula.http.BodyLimit;

/** A file of indicator values may be large: bounded by the HTTP layer's limit, not by the one of ordinary JSON bodies. */
@ApplicationScoped
public class IndicatorImportBodyLimit implements BodyLimit.Route {

    @Inject
    BodyLimit limits;

    @Override
    public boolean governs(HttpMethod method, String path) {
        return HttpMethod.POST.equals(method) && "/api/v1/admin/indicators/import".equals(path);
    }

    @Override
    public String name() {
        return BodyLimit.MAX_BODY_BYTES;
    }

    @Override
    public long max() {
        return limits.max();
    }
}
