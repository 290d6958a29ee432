package mx.implan.brujula.http;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import mx.implan.brujula.config.BrujulaConfig;
import mx.implan.brujula.model.ClientVersion;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Optional;

/**
 * Refuses devices whose app is too old for this API with 426, so an outdated app says "update me"
 * instead of writing data in a shape the server no longer understands. A header that cannot be
 * read ({@code mobile-app/abc}) gets 426 too: the server cannot tell that the client understands
 * it. Requests without the header (browsers, scripts, Open311 clients) are not affected.
 */
public class ClientVersionFilter {

    public static final String HEADER = "X-Brujula-Client";

    @Inject
    BrujulaConfig config;

    @ServerRequestFilter(preMatching = true)
    public Optional<jakarta.ws.rs.core.Response> checkClient(ContainerRequestContext request) {
        String header = request.getHeaderString(HEADER);
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        Optional<ClientVersion> client = ClientVersion.parse(header.trim());
        Optional<ClientVersion> minimum = ClientVersion.parse("mobile-app/" + config.minClientVersion());
        if (minimum.isEmpty()) {
            return Optional.empty();
        }
        ApiProblem problem;
        if (client.isEmpty()) {
            problem = new ApiProblem(426, "CLIENT_VERSION_UNREADABLE", "Upgrade Required",
                    "The client version ({0}) cannot be read; expected product/major.minor.patch, e.g. mobile-app/{1}",
                    header.strip(), config.minClientVersion());
        } else if ("mobile-app".equals(client.get().product()) && client.get().compareTo(minimum.get()) < 0) {
            problem = new ApiProblem(426, "CLIENT_TOO_OLD", "Upgrade Required",
                    "This app version ({0}) is too old; update to {1} or newer", header.trim(), config.minClientVersion());
        } else {
            return Optional.empty();
        }
        problem.with("minClientVersion", config.minClientVersion());
        return Optional.of(ProblemResponses.toResponse(problem,
                RequestLocale.from(request.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE)), request.getUriInfo().getPath()));
    }
}
