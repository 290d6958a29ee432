package mx.implan.brujula.sync;

import io.vertx.core.http.HttpMethod;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import mx.implan.brujula.http.BodyLimit;

/** A push announcing more than {@code brujula.sync.max-bytes} is refused (413 {@code maxBytes}) before it is read. */
@ApplicationScoped
public class PushBodyLimit implements BodyLimit.Route {

    @Inject
    SyncConfig config;

    @Override
    public boolean governs(HttpMethod method, String path) {
        return HttpMethod.POST.equals(method) && "/api/v1/sync/push".equals(path);
    }

    @Override
    public String name() {
        return "maxBytes";
    }

    @Override
    public long max() {
        return config.maxBytes();
    }
}
