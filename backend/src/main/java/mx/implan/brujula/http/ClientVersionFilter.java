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
 * instead of writing data in a shape the server no longer understands. Requests without the
 * header (browsers, scripts, Open311 clients) are not affected.
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
        if (client.isEmpty() || minimum.isEmpty()) {
            return Optional.empty();
        }
        if ("mobile-app".equals(client.get().product()) && client.get().compareTo(minimum.get()) < 0) {
            ApiProblem problem = new ApiProblem(426, "CLIENT_TOO_OLD", "Upgrade Required",
                    "This app version ({0}) is too old; update to {1} or newer", header.trim(), config.minClientVersion())
                    .with("minClientVersion", config.minClientVersion());
            return Optional.of(ProblemResponses.toResponse(problem,
                    RequestLocale.from(request.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE)), request.getUriInfo().getPath()));
        }
        return Optional.empty();
    }
}
