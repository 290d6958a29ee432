package mx.implan.brujula.http;

import io.vertx.core.http.HttpMethod;
import jakarta.inject.Inject;

/**
 * A route that receives a whole file (a catalogue, a table of values): bounded by the HTTP layer's
 * limit only, not by the one of ordinary JSON bodies. Subclasses name the path.
 */
public abstract class FileUploadRoute implements BodyLimit.Route {

    @Inject
    BodyLimit limits;

    /** The path of the POST that uploads the file. */
    protected abstract String path();

    @Override
    public boolean governs(HttpMethod method, String path) {
        return HttpMethod.POST.equals(method) && path().equals(path);
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
