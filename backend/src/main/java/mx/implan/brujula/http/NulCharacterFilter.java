package mx.implan.brujula.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Locale;
import java.util.Optional;

/**
 * Refuses a NUL character (%00) in the path or query before any resource sees it: no identifier
 * or filter value contains one, and PostgreSQL could not compare it anyway.
 */
public class NulCharacterFilter {

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> refuseNul(ContainerRequestContext request) {
        String raw = request.getUriInfo().getRequestUri().getRawPath() + "?" + request.getUriInfo().getRequestUri().getRawQuery();
        if (!raw.toLowerCase(Locale.ROOT).contains("%00")) {
            return Optional.empty();
        }
        ApiProblem problem = new ApiProblem(400, "INVALID_CHARACTER", "Bad Request",
                "The address contains a NUL character (%00), which no parameter may contain");
        return Optional.of(ProblemResponses.toResponse(problem,
                RequestLocale.from(request.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE)), request.getUriInfo().getPath()));
    }
}
