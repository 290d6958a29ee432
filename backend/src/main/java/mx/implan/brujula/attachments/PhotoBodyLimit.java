package mx.implan.brujula.attachments;

import io.vertx.core.http.HttpMethod;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import mx.implan.brujula.http.BodyLimit;

/** A photo announcing more than {@code brujula.attachments.max-bytes} is refused (413 {@code maxBytes}) before it is read. */
@ApplicationScoped
public class PhotoBodyLimit implements BodyLimit.Route {

    @Inject
    AttachmentsConfig config;

    @Override
    public boolean governs(HttpMethod method, String path) {
        return HttpMethod.PUT.equals(method) && path.startsWith("/api/v1/attachments/");
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
