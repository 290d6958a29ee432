package mx.implan.brujula.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Bodies announced larger than {@code quarkus.http.limits.max-body-size}: Quarkus refuses them
 * before any endpoint runs, with a bare 413. This route runs just before that check and answers
 * the same refusal in problem+json (nothing of the body is read; the connection is closed, as
 * Quarkus does, so the client stops sending). Open311 paths get their own format from
 * {@code citizen}, through {@link #refuse}.
 */
@ApplicationScoped
public class BodyLimit {

    /** Just before Quarkus's own upload limit ({@code RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT}, -2). */
    public static final int ROUTE_ORDER = -3;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize maxBodySize;
    @Inject
    ObjectMapper json;

    public long max() {
        return maxBodySize.asLongValue();
    }

    void route(@Observes Router router) {
        router.route().order(ROUTE_ORDER).handler(refuse(this::max, (ctx, max) -> {
            ApiProblem problem = ApiProblem.tooLarge("maxBodyBytes", max);
            String body;
            try {
                body = json.writeValueAsString(ProblemResponses.body(problem,
                        RequestLocale.from(ctx.request().getHeader(HttpHeaders.ACCEPT_LANGUAGE)), ctx.request().path()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            return new Refusal(ProblemResponses.MEDIA_TYPE, body);
        }, path -> !path.startsWith("/open311/")));
    }

    /** What to answer a refused request with. */
    public record Refusal(String contentType, String body) {
    }

    /** Builds the answer for a request over {@code max} bytes. */
    @FunctionalInterface
    public interface Answer {
        Refusal to(RoutingContext ctx, long max);
    }

    /**
     * A route handler that answers 413 with {@code answer} when the request's path passes
     * {@code applies} and its Content-Length is over {@code max}, and lets every other request on.
     */
    public static Handler<RoutingContext> refuse(LongSupplier max, Answer answer, Predicate<String> applies) {
        return ctx -> {
            long limit = max.getAsLong();
            if (!applies.test(ctx.request().path()) || !over(ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH), limit)) {
                ctx.next();
                return;
            }
            Refusal refusal = answer.to(ctx, limit);
            HttpServerResponse response = ctx.response().setStatusCode(413)
                    .putHeader(HttpHeaders.CONTENT_TYPE, refusal.contentType())
                    .putHeader(HttpHeaders.CONNECTION, "close");
            // The body is still on its way: only closing the connection stops it.
            response.endHandler(sent -> ctx.request().connection().close());
            response.end(refusal.body());
        };
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
