package mx.implan.brujula.alerts;

import io.smallrye.common.annotation.Blocking;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import mx.implan.brujula.auth.CurrentActor;
import mx.implan.brujula.auth.Roles;
import mx.implan.brujula.http.ApiProblem;
import mx.implan.brujula.http.QueryParams;
import mx.implan.brujula.http.RequestLocale;
import mx.implan.brujula.model.Page;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Alerts for supervisors: list, acknowledge, and a live stream (docs/works-monitoring.md). */
@Path("/api/v1/alerts")
@Tag(name = "Alerts", description = "Severe risks, delayed works and unattended risks, for supervisors")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
public class AlertResource {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    static final String LAST_EVENT_ID = "Last-Event-ID";
    private static final String CURSOR_LIST = "alerts";
    private static final Pattern ID = Pattern.compile("\\d{1,18}");
    private static final Pattern ZONE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    @Inject
    Alerts alerts;
    @Inject
    AlertStream stream;
    @Inject
    CurrentActor actor;
    @Inject
    HttpHeaders headers;
    @Inject
    SecurityIdentity identity;

    @GET
    @Operation(summary = "List alerts", description = "Newest first; kind (RISK_HIGH_SEVERITY, WORK_DELAYED, RISK_UNATTENDED), "
            + "acknowledged=true|false, zone (its id), since (ISO-8601 date-time: created at or after); keyset pages "
            + "(limit 1–1000, default 100; next is the cursor).")
    public Page<Alert> list(@QueryParam("kind") String kind, @QueryParam("acknowledged") String acknowledged,
                            @QueryParam("zone") String zone, @QueryParam("since") String since,
                            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        Locale locale = locale();
        Optional<String> byZone = Optional.ofNullable(zone).map(String::strip).filter(z -> !z.isEmpty());
        if (byZone.isPresent() && !ZONE.matcher(byZone.get()).matches()) {
            throw QueryParams.invalid("zone", "ZONE_ID", locale, "Not a zone id");
        }
        Alerts.Filter filter = new Alerts.Filter(kind(kind, locale),
                acknowledged == null || acknowledged.isBlank() ? Optional.empty()
                        : Optional.of(QueryParams.flag("acknowledged", acknowledged, false, locale)),
                byZone, Optional.ofNullable(QueryParams.instant("since", since, locale)));
        int max = QueryParams.limit(limit, DEFAULT_LIMIT, MAX_LIMIT, locale);
        Optional<Long> before = QueryParams.decodeCursor(CURSOR_LIST, cursor, locale).map(c -> {
            if (!ID.matcher(c).matches()) {
                throw QueryParams.invalid("cursor", "INVALID_CURSOR", locale, "The cursor is not valid");
            }
            return Long.parseLong(c);
        });
        List<Alert> page = alerts.list(filter, before, max + 1);
        String next = page.size() > max ? QueryParams.encodeCursor(CURSOR_LIST, Long.toString(page.get(max - 1).id())) : null;
        return new Page<>(page.size() > max ? page.subList(0, max) : page, next);
    }

    @POST
    @Path("/{id}/acknowledge")
    @Operation(summary = "Acknowledge an alert", description = "Records who and when, once: acknowledging again changes nothing "
            + "and answers the alert as it is. Audited.")
    @APIResponse(responseCode = "404", description = "ALERT_NOT_FOUND", content = @Content(mediaType = "application/problem+json"))
    public Alert acknowledge(@PathParam("id") String id) {
        long key = id("id", id);
        return alerts.acknowledge(key, actor.get().name())
                .orElseThrow(() -> ApiProblem.notFound("ALERT_NOT_FOUND", "Alert {0} does not exist", Long.toString(key)));
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Blocking
    @Operation(summary = "New alerts as server-sent events", description = "Each event: id = the alert id, event = alert, data = "
            + "the alert as JSON. With Last-Event-ID the alerts after it come first, then new ones as they are raised; without it, "
            + "only new ones. A comment line every brujula.alerts.heartbeat keeps the connection open. The stream ends when the access "
            + "token expires: reconnect with a fresh one and Last-Event-ID.")
    public Multi<OutboundSseEvent> stream(@HeaderParam(LAST_EVENT_ID) String lastEventId, @Context Sse sse) {
        long after = lastEventId == null || lastEventId.isBlank() ? alerts.latestId() : id(LAST_EVENT_ID, lastEventId);
        return stream.after(after, sse, tokenLifetime());
    }

    /**
     * How long the caller's access token remains valid: the stream ends then, so a disabled account or
     * a changed role stops receiving alerts; the client reconnects with a fresh token and Last-Event-ID.
     */
    private Duration tokenLifetime() {
        if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getExpirationTime() > 0) {
            return Duration.ofSeconds(Math.max(1, jwt.getExpirationTime() - Instant.now().getEpochSecond()));
        }
        return AlertStream.LONGEST;
    }

    private static Optional<AlertKind> kind(String raw, Locale locale) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(AlertKind.valueOf(raw.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            String allowed = Arrays.stream(AlertKind.values()).map(Enum::name).collect(Collectors.joining(", "));
            throw QueryParams.invalid("kind", "INVALID_ENUM", locale, "Allowed values: " + allowed, allowed);
        }
    }

    private long id(String field, String raw) {
        if (raw == null || !ID.matcher(raw.strip()).matches()) {
            throw QueryParams.invalid(field, "NOT_AN_INTEGER", locale(), "Must be an integer");
        }
        return Long.parseLong(raw.strip());
    }

    private Locale locale() {
        return RequestLocale.from(headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
    }
}
