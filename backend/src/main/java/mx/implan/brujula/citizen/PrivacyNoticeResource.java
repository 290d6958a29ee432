package mx.implan.brujula.citizen;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The aviso de privacidad (Spanish, with English), at a stable URL linked from Open311 discovery. */
@Path(PrivacyNoticeResource.PATH)
@Tag(name = "Open311", description = "Citizen reports: Open311 GeoReport v2 (JSON and XML, its own error format) and the aviso de privacidad")
public class PrivacyNoticeResource {

    public static final String PATH = "/aviso-de-privacidad";
    private static final String RESOURCE = "privacy/aviso-de-privacidad.html";

    @Inject
    Open311Config config;

    private volatile String page;

    @GET
    @Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
    @Operation(summary = "Aviso de privacidad for citizen reports (Spanish, with English)")
    public String notice() {
        String p = page;
        if (p == null) {
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("Missing resource " + RESOURCE);
                }
                p = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                        .replace("{retentionDays}", Long.toString(config.contactRetention().toDays()))
                        .replace("{contact}", config.contact());
                page = p;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return p;
    }
}
