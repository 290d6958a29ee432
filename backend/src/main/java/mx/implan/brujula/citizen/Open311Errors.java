package mx.implan.brujula.citizen;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import mx.implan.brujula.http.ApiProblem;
import mx.implan.brujula.http.ProblemMessages;
import mx.implan.brujula.http.ProblemResponses;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Map;

/**
 * Every error under {@code /open311/} in the GeoReport v2 format ({@code [{"code", "description"}]}
 * or {@code <errors><error>…}, by the path's extension), never problem+json. Open311's own
 * refusals ({@link Open311Error}) are mapped here; everything the shared HTTP layer answers as a
 * problem on these paths (401, 403, 404, 405, 415, 503, 500, a NUL in the address…) is rewritten
 * into the same document, keeping its status and headers ({@code WWW-Authenticate}, {@code Retry-After}).
 * A body the REST layer cannot read as multipart (no closing boundary, another boundary, an unknown
 * part charset, too many parts) is a 400 here with Open311's own words for why.
 */
public class Open311Errors {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ServerExceptionMapper
    public Response open311Error(Open311Error e, ContainerRequestContext request) {
        Response r = Open311Path.errorFormat(request.getUriInfo().getPath()).error(e.status(), e.description());
        return e.retryAfter() == null ? r : Response.fromResponse(r).header("Retry-After", e.retryAfter().toString()).build();
    }

    @ServerResponseFilter
    public void problemsInTheSpecFormat(ContainerRequestContext request, ContainerResponseContext response, Throwable thrown) {
        String path = request.getUriInfo().getPath();
        if (!Open311Path.isOpen311(path) || !isProblem(response.getMediaType())) {
            return;
        }
        Open311Text t = Open311Text.of(request.getUriInfo().getQueryParameters().getFirst("lang"),
                request.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
        Open311Format format = Open311Path.errorFormat(path);
        if (response.getStatus() == 400 && MultipartFailure.whileReadingForm(thrown)) {
            // The REST layer could not read the body as a form: the client's body, not our fault.
            response.setStatus(400);
            response.setEntity(format.errorBody(400, t.get("error.multipart", t.get(MultipartFailure.reason(thrown)))),
                    new Annotation[0], MediaType.valueOf(format.mediaType()));
            return;
        }
        String description = description(response.getEntity(), thrown, t);
        response.setEntity(format.errorBody(response.getStatus(), description), new Annotation[0], MediaType.valueOf(format.mediaType()));
    }

    /** The problem's text in Open311's words where it has its own, else the problem's detail in the caller's language. */
    private static String description(Object entity, Throwable thrown, Open311Text t) {
        Map<?, ?> problem = entity instanceof Map<?, ?> m ? m : Map.of();
        String code = String.valueOf(problem.get("code"));
        if (t.has("error." + code)) {
            return t.get("error." + code, String.valueOf(problem.get("incident")));
        }
        String detail = thrown instanceof ApiProblem p
                ? ProblemMessages.detail(p.code(), t.locale(), p.getMessage(), p.args())
                : String.valueOf(problem.get("detail"));
        if (problem.get("errors") instanceof List<?> errors && !errors.isEmpty()) {
            StringBuilder fields = new StringBuilder(detail).append(':');
            for (Object error : errors) {
                Map<?, ?> e = JSON.convertValue(error, Map.class);
                fields.append(' ').append(e.get("field")).append(" — ").append(e.get("message")).append(';');
            }
            return fields.substring(0, fields.length() - 1);
        }
        return detail;
    }

    private static boolean isProblem(MediaType type) {
        return type != null && ProblemResponses.MEDIA_TYPE.equals(type.getType() + "/" + type.getSubtype());
    }
}
