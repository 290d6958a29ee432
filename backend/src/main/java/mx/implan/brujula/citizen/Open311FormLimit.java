package mx.implan.brujula.citizen;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * A form-encoded {@code POST requests} announcing more than {@link Open311Resource#MAX_FORM_CHARS}
 * bytes is refused by its {@code Content-Length} before any of it is read (413 in the spec's error
 * format, connection closed), rather than after the whole body arrived. Multipart reports carry
 * photos and keep the HTTP layer's limit.
 */
@ApplicationScoped
public class Open311FormLimit {

    /** Before the HTTP layer's own body limits (-3 and -2), which are far larger. */
    static final int ROUTE_ORDER = -4;

    void route(@Observes Router router) {
        router.route().order(ROUTE_ORDER).handler(ctx -> {
            String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
            if (ctx.request().method() != HttpMethod.POST || !Open311Path.isOpen311(ctx.request().path())
                    || type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")
                    || !announcedOver(ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH))) {
                ctx.next();
                return;
            }
            Open311Format format = Open311Path.errorFormat(ctx.request().path());
            Open311Text t = Open311Text.of(ctx.request().getParam("lang"), ctx.request().getHeader(HttpHeaders.ACCEPT_LANGUAGE));
            ctx.response().setStatusCode(413)
                    .putHeader(HttpHeaders.CONTENT_TYPE, format.mediaType())
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    // The body is still on its way: only closing the connection stops it.
                    .endHandler(sent -> ctx.request().connection().close())
                    .end(format.errorBody(413, t.get("error.formTooLarge")));
        });
    }

    private static boolean announcedOver(String contentLength) {
        if (contentLength == null) {
            return false; // chunked: the route counts what arrives
        }
        try {
            return Long.parseLong(contentLength.strip()) > Open311Resource.MAX_FORM_CHARS;
        } catch (NumberFormatException malformed) {
            return false; // the HTTP layer refuses it itself
        }
    }
}
