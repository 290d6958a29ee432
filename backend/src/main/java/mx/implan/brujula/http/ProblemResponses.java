package mx.implan.brujula.http;

import jakarta.ws.rs.core.Response;
import mx.implan.brujula.model.sync.FieldError;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds {@code application/problem+json} responses from {@link ApiProblem}s. */
public final class ProblemResponses {

    public static final String MEDIA_TYPE = "application/problem+json";
    /** Problem types name the stable code; documented in docs/api.md. */
    public static final String TYPE_BASE = "https://brujula.implan.mx/problems/";

    private ProblemResponses() {
    }

    public static Response toResponse(ApiProblem problem, Locale locale, String instance) {
        Response.ResponseBuilder builder = Response.status(problem.status())
                .type(MEDIA_TYPE)
                .entity(body(problem, locale, instance));
        problem.headers().forEach(builder::header);
        return builder.build();
    }

    public static Map<String, Object> body(ApiProblem problem, Locale locale, String instance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE_BASE + problem.code().toLowerCase(Locale.ROOT).replace('_', '-'));
        body.put("title", problem.title());
        body.put("status", problem.status());
        body.put("detail", ProblemMessages.detail(problem.code(), locale, problem.getMessage(), problem.args()));
        body.put("code", problem.code());
        if (instance != null) {
            body.put("instance", instance);
        }
        List<FieldError> errors = problem.errors();
        if (!errors.isEmpty()) {
            body.put("errors", errors);
        }
        body.putAll(problem.extensions());
        return body;
    }
}
