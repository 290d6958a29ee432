package mx.implan.brujula.citizen;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;

import java.util.Locale;

/** The language of the current GeoReport v2 request ({@code ?lang=}, else {@code Accept-Language}). */
@RequestScoped
public class Open311Language {

    @Inject
    HttpHeaders headers;
    @Inject
    UriInfo uri;

    public Open311Text text() {
        return Open311Text.of(uri.getQueryParameters().getFirst("lang"), headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
    }

    public Locale locale() {
        return text().locale();
    }
}
