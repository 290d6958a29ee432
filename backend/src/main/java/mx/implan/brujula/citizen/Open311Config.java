package mx.implan.brujula.citizen;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Citizen reporting (Open311 GeoReport v2) and the handling of reporters' personal data. */
@ConfigMapping(prefix = "brujula.open311")
public interface Open311Config {

    /** Public base URL of this server: discovery links, public media_url, and which absolute media_url values are our own attachments. */
    @WithDefault("http://localhost:8080")
    String publicBaseUrl();

    /** A new report this close (metres, on the ellipsoid) to an open one of the same service is linked to it. */
    @WithDefault("50")
    double duplicateRadiusM();

    /** Widest start_date/end_date window of GET requests (also the default window). */
    @WithDefault("P90D")
    Duration maxWindow();

    /** Most requests one GET requests answer returns. */
    @WithDefault("1000")
    int maxResults();

    /** Reporters' contact data is anonymised this long after their report closes. */
    @WithDefault("P90D")
    Duration contactRetention();

    /** Whether the anonymisation job runs on its schedule (it can always be called directly). */
    @WithDefault("true")
    boolean anonymiseEnabled();

    /** How long the answer of an Idempotency-Key is kept; a retry after that is a new request (the observation id still prevents duplicates). */
    @WithDefault("PT24H")
    Duration idempotencyTtl();

    /** Most {@code media} photo parts one multipart {@code POST requests} may carry (each ≤ brujula.attachments.max-bytes). */
    @WithDefault("3")
    int maxMedia();

    /** The jurisdiction_id this endpoint serves; clients may omit it, any other value is 404. */
    @WithDefault("hermosillo.gob.mx")
    String jurisdictionId();

    /**
     * Where an address-only report is kept (longitude, latitude) until staff place it: it is
     * flagged NEEDS_LOCATION and Open311 shows no lat/long for it meanwhile.
     */
    @WithDefault("-110.9613,29.0729")
    String unlocatedPoint();

    /** Contact for the discovery document. */
    @WithDefault("IMPLAN Hermosillo, reportes ciudadanos: contacto@implan.example")
    String contact();
}
