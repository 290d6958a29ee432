package mx.implan.brujula.works;

import io.vertx.core.http.HttpMethod;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import mx.implan.brujula.http.BodyLimit;

/**
 * A catalogue import may be a large GeoJSON: it is bounded by the HTTP layer's limit only, not by
 * the one of ordinary JSON bodies.
 */
@ApplicationScoped
public class ImportBodyLimit implements BodyLimit.Route {

    @Inject
    BodyLimit limits;

    @Override
    public boolean governs(HttpMethod method, String path) {
        return HttpMethod.POST.equals(method) && "/api/v1/works/import".equals(path);
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
