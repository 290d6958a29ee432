package mx.implan.brujula.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.lang.reflect.Method;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * A body sent to {@code /api/} must say what it is: without {@code Content-Type} it is refused with
 * 415 {@code CONTENT_TYPE_REQUIRED} rather than guessed at; a JSON body declared in a charset other
 * than UTF-8 (the only encoding of JSON, RFC 8259) with 415 {@code UNSUPPORTED_CHARSET} — unless the
 * route takes the raw bytes and finds their encoding itself (the catalogue import reads UTF-8 or
 * Windows-1252 whatever is declared). Which types a route accepts is its {@code @Consumes}: anything
 * else is 415 {@code UNSUPPORTED_MEDIA_TYPE}, a wildcard ({@code *}{@code /*}, {@code application/*}) included.
 */
public class BodyMediaType {

    @ServerRequestFilter
    public Optional<Response> check(ContainerRequestContext request, ResourceInfo route) {
        String path = request.getUriInfo().getPath();
        if (path == null || !path.startsWith("/api/") || !hasBody(request)) {
            return Optional.empty();
        }
        String contentType = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
        ApiProblem problem = null;
        if (contentType == null || contentType.isBlank()) {
            problem = new ApiProblem(415, "CONTENT_TYPE_REQUIRED", "Unsupported Media Type",
                    "The request has a body but no Content-Type");
        } else if (isWildcard(contentType)) {
            // "*/*" or "application/*" says what a client accepts, never what a body is: matching it to a route's
            // @Consumes would guess the body's type.
            problem = new ApiProblem(415, "UNSUPPORTED_MEDIA_TYPE", "Unsupported Media Type", "This content type is not accepted here");
        } else if (BodyLimit.isJson(contentType) && !readsRawBytes(route)) {
            String charset = charset(contentType);
            if (charset != null && !isUtf8(charset)) {
                problem = new ApiProblem(415, "UNSUPPORTED_CHARSET", "Unsupported Media Type",
                        "JSON is read in UTF-8 only, not {0}", charset);
            }
        }
        return Optional.ofNullable(problem).map(p -> ProblemResponses.toResponse(p,
                RequestLocale.from(request.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE)), path));
    }

    private static boolean isWildcard(String contentType) {
        try {
            MediaType type = MediaType.valueOf(contentType);
            return type.isWildcardType() || type.isWildcardSubtype();
        } catch (IllegalArgumentException unparseable) {
            return false; // the route's @Consumes refuses it
        }
    }

    private static boolean readsRawBytes(ResourceInfo route) {
        Method method = route == null ? null : route.getResourceMethod();
        return method != null && Arrays.asList(method.getParameterTypes()).contains(byte[].class);
    }

    private static boolean hasBody(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            return !length.strip().equals("0");
        }
        return request.getHeaderString("Transfer-Encoding") != null;
    }

    private static String charset(String contentType) {
        try {
            return MediaType.valueOf(contentType).getParameters().entrySet().stream()
                    .filter(p -> p.getKey().equalsIgnoreCase(MediaType.CHARSET_PARAMETER))
                    .map(p -> p.getValue().strip()).findFirst().orElse(null);
        } catch (IllegalArgumentException unparseable) {
            return null; // the route's @Consumes refuses it
        }
    }

    private static boolean isUtf8(String charset) {
        try {
            return Charset.isSupported(charset) && Charset.forName(charset).equals(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException illegalName) {
            return false;
        }
    }
}
