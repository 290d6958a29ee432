package mx.implan.brujula.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;

/**
 * Bodies announced larger than {@code quarkus.http.limits.max-body-size}: Quarkus refuses them
 * before any endpoint runs, with a bare 413. This route runs just before that check and answers
 * the same refusal in problem+json, or in the format of a feature whose paths have their own
 * ({@link Format}, e.g. Open311). Nothing of the body is read; the connection is closed, as Quarkus
 * does, so the client stops sending.
 */
@ApplicationScoped
public class BodyLimit {

    /** Just before Quarkus's own upload limit ({@code RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT}, -2). */
    static final int ROUTE_ORDER = -3;

    /** The error format of the paths under {@link #pathPrefix()}. */
    public interface Format {
        String pathPrefix();

        Refusal refusal(RoutingContext ctx, long max);
    }

    /** What a refused request is answered with. */
    public record Refusal(String contentType, String body) {
    }

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize maxBodySize;
    @Inject
    ObjectMapper json;
    @Inject
    Instance<Format> formats;

    public long max() {
        return maxBodySize.asLongValue();
    }

    void route(@Observes Router router) {
        long max = max();
        List<Format> own = formats.stream().toList();
        router.route().order(ROUTE_ORDER).handler(ctx -> {
            if (!over(ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH), max)) {
                ctx.next();
                return;
            }
            String path = ctx.request().path();
            Refusal refusal = own.stream().filter(f -> path.startsWith(f.pathPrefix())).findFirst()
                    .map(f -> f.refusal(ctx, max)).orElseGet(() -> problem(ctx, max));
            HttpServerResponse response = ctx.response().setStatusCode(413)
                    .putHeader(HttpHeaders.CONTENT_TYPE, refusal.contentType())
                    .putHeader(HttpHeaders.CONNECTION, "close");
            // The body is still on its way: only closing the connection stops it.
            response.endHandler(sent -> ctx.request().connection().close());
            response.end(refusal.body());
        });
    }

    private Refusal problem(RoutingContext ctx, long max) {
        ApiProblem problem = ApiProblem.tooLarge("maxBodyBytes", max);
        try {
            return new Refusal(ProblemResponses.MEDIA_TYPE, json.writeValueAsString(ProblemResponses.body(problem,
                    RequestLocale.from(ctx.request().getHeader(HttpHeaders.ACCEPT_LANGUAGE)), ctx.request().path())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean over(String contentLength, long limit) {
        if (contentLength == null) {
            return false; // chunked: Quarkus counts the bytes as they come
        }
        try {
            return Long.parseLong(contentLength.trim()) > limit;
        } catch (NumberFormatException malformed) {
            return false; // the HTTP layer refuses it itself
        }
    }
}
