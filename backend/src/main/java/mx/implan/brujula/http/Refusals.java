package mx.implan.brujula.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Answers a request the HTTP layer refuses before any endpoint runs, in the format of its path:
 * problem+json, or a feature's own ({@link RefusalFormat}). The connection is closed after the
 * answer: the request's body may still be on its way, or never come.
 */
@Singleton
public class Refusals {

    private final ObjectMapper json;
    private final List<RefusalFormat> formats;

    @Inject
    public Refusals(ObjectMapper json, Instance<RefusalFormat> formats) {
        this.json = json;
        this.formats = formats.stream().toList();
    }

    /** Sends {@code problem} and closes the connection once it is written; nothing if an answer was already started. */
    public void refuse(RoutingContext ctx, ApiProblem problem) {
        // Closing after the write stops a body still on its way (the only way to stop it).
        send(ctx, problem).onComplete(sent -> ctx.request().connection().close());
    }

    /**
     * Sends {@code problem}, then reads and discards the rest of the body before closing, so that a
     * client that writes its whole body before reading (most libraries, the app's included) gets the
     * answer instead of a broken pipe. A client that sent {@code Expect: 100-continue} is waiting for
     * a go-ahead that will not come: its connection is closed at once.
     */
    public void refuseAfterBody(RoutingContext ctx, ApiProblem problem) {
        HttpServerRequest request = ctx.request();
        boolean waitsForGoAhead = "100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT));
        send(ctx, problem).onComplete(sent -> {
            if (waitsForGoAhead || request.isEnded()) {
                request.connection().close();
                return;
            }
            request.handler(discarded -> { })
                    .exceptionHandler(failed -> request.connection().close())
                    .endHandler(end -> request.connection().close())
                    .resume();
        });
    }

    private Future<Void> send(RoutingContext ctx, ApiProblem problem) {
        HttpServerResponse response = ctx.response();
        if (response.headWritten() || response.ended() || response.closed()) {
            return Future.succeededFuture();
        }
        RefusalFormat.Refusal refusal = render(ctx, problem);
        response.setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, refusal.contentType())
                .putHeader(HttpHeaders.CONNECTION, "close");
        problem.headers().forEach(response::putHeader);
        return response.end(refusal.body());
    }

    /** The answer to {@code problem} in the format of the request's path, without sending it. */
    public RefusalFormat.Refusal render(RoutingContext ctx, ApiProblem problem) {
        Locale locale = RequestLocale.from(ctx.request().getHeader(HttpHeaders.ACCEPT_LANGUAGE));
        String path = ctx.request().path();
        String detail = ProblemMessages.detail(problem.code(), locale, problem.getMessage(), problem.args());
        return formats.stream().filter(f -> path != null && path.startsWith(f.pathPrefix()))
                .findFirst().map(f -> f.render(ctx, problem, detail))
                .orElseGet(() -> problemJson(problem, locale, path));
    }

    private RefusalFormat.Refusal problemJson(ApiProblem problem, Locale locale, String path) {
        Map<String, Object> body = ProblemResponses.body(problem, locale, path);
        try {
            return new RefusalFormat.Refusal(ProblemResponses.MEDIA_TYPE, json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
