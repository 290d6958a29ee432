package mx.implan.brujula.observations;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import mx.implan.brujula.http.DeviceInput;
import mx.implan.brujula.http.RequestLocale;
import mx.implan.brujula.audit.AuditView;
import mx.implan.brujula.auth.Actor;
import mx.implan.brujula.auth.CurrentActor;
import mx.implan.brujula.auth.Roles;
import mx.implan.brujula.http.ApiProblem;
import mx.implan.brujula.http.QueryParams;
import mx.implan.brujula.limits.RateLimiter;
import mx.implan.brujula.limits.TooManyRequests;
import mx.implan.brujula.model.Page;
import mx.implan.brujula.model.observation.Observation;
import mx.implan.brujula.model.observation.ObservationKind;
import mx.implan.brujula.model.observation.ObservationStatus;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/** Query observations, read one with its history, change its status (supervisors). */
@Path("/api/v1/observations")
@Tag(name = "Observations", description = "Query, history and status triage of field observations")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
public class ObservationResource {

    @Inject
    ObservationQuery query;
    @Inject
    ObservationStatusService statuses;
    @Inject
    SecurityIdentity identity;
    @Inject
    HttpHeaders headers;
    @Inject
    ObservationSubmission single;
    @Inject
    RateLimiter limits;
    @Inject
    ObservationHistory histories;
    @Inject
    ObservationContacts contacts;

    @GET
    @RolesAllowed({Roles.CITIZEN, Roles.INSPECTOR, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Observations you may read", description = "Supervisors and admins read all; others their own. kind and status accept comma-separated lists; bbox is minLon,minLat,maxLon,maxLat; from/to filter capturedAt (ISO-8601, to exclusive).")
    public Page<Observation> list(@QueryParam("kind") String kind, @QueryParam("status") String status,
                                  @QueryParam("bbox") String bbox, @QueryParam("from") String from,
                                  @QueryParam("to") String to, @QueryParam("limit") String limit,
                                  @QueryParam("cursor") String cursor) {
        Locale locale = locale();
        OffsetDateTime fromTime = QueryParams.instant("from", from, locale);
        OffsetDateTime toTime = QueryParams.instant("to", to, locale);
        if (fromTime != null && toTime != null && toTime.isBefore(fromTime)) {
            throw QueryParams.invalid("to", "RANGE_INVERTED", locale, "The end is before the start");
        }
        double[] box = QueryParams.bbox(bbox, locale)
                .map(b -> new double[]{b.minLon(), b.minLat(), b.maxLon(), b.maxLat()}).orElse(null);
        ObservationQuery.Filter filter = new ObservationQuery.Filter(
                enums("kind", kind, ObservationKind.class, locale), enums("status", status, ObservationStatus.class, locale),
                box, fromTime, toTime, QueryParams.limit(limit, 100, 1000, locale), cursor);
        return query.find(actor(), filter);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @CustomDeserialization(DeviceInput.class)
    @RolesAllowed({Roles.CITIZEN, Roles.INSPECTOR, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Create or edit one observation", description = "For web forms and integrations; the same path as one push item. 201 created, 200 updated/unchanged, 422 invalid (problem+json with field errors), 409 conflict (problem+json with the server copy), 403 someone else's observation, 429 RATE_LIMITED (Retry-After) after brujula.limits.report-max writes in the window.")
    public jakarta.ws.rs.core.Response submit(JsonNode item) {
        Actor actor = actor();
        // Shares the Open311 report budget of the account: one limit however a person reports.
        limits.report("account:" + actor.name()).ifPresent(wait -> {
            throw TooManyRequests.rateLimited(wait);
        });
        return single.submit(actor, item);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.CITIZEN, Roles.INSPECTOR, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "One observation with its revision history and audit",
            description = "history: every revision (rev, change, actor, at). audit: every audited change of the observation "
                    + "(status, conflict resolution, duplicate link, moderation, contact-data disclosure and anonymisation) with "
                    + "at, actor, action, before and after. Supervisors and admins see everything, plus the citizen reporter's "
                    + "contact data (contact, audited) for Open311 reports; authors see their own without other people's names.")
    public ObservationDetail get(@PathParam("id") String id) {
        ObservationEntity row = readable(parseId(id));
        Actor viewer = actor();
        ObservationContacts.Contact contact = contacts.forDetail(viewer, row.id).orElse(null);
        ObservationHistory.History history = histories.of(row, viewer);
        return new ObservationDetail(ObservationMapper.toWire(row), history.revisions(), history.audit(), contact);
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Change the status (triage)", description = "Body {\"status\", \"reason\"?, \"rev\"?}; rev makes the change conditional (409 when stale). Invalid transitions are 422.")
    public Observation patch(@PathParam("id") String id, StatusChange change) {
        UUID observationId = parseId(id);
        if (change == null || change.status() == null || change.status().isBlank()) {
            throw QueryParams.invalid("status", "REQUIRED", locale(), "Required");
        }
        ObservationStatus target;
        try {
            // As sent: " VERIFIED" is a client bug to show, not to trim away.
            target = ObservationStatus.valueOf(change.status());
        } catch (IllegalArgumentException e) {
            throw QueryParams.invalid("status", "INVALID_ENUM", locale(), "Allowed values: " + Arrays.toString(ObservationStatus.values()),
                    Arrays.toString(ObservationStatus.values()));
        }
        if (change.reason() != null && change.reason().length() > 2000) {
            throw QueryParams.invalid("reason", "TOO_LONG", locale(), "Longer than 2000 characters", 2000);
        }
        return statuses.change(actor(), observationId, target, change.rev(), change.reason()).observation();
    }

    private ObservationEntity readable(UUID id) {
        ObservationEntity row = ObservationEntity.findById(id);
        Actor actor = actor();
        if (row == null || !(actor.isSupervisor() || row.author.equals(actor.name()))) {
            // The same answer whether it does not exist or is someone else's: ids are not probes.
            throw ApiProblem.notFound("OBSERVATION_NOT_FOUND", "Observation {0} does not exist", id);
        }
        return row;
    }

    private UUID parseId(String id) {
        return QueryParams.uuid("id", id, locale());
    }

    private Locale locale() {
        return RequestLocale.from(headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
    }

    private Actor actor() {
        return CurrentActor.of(identity);
    }

    private static <E extends Enum<E>> Set<E> enums(String name, String raw, Class<E> type, Locale locale) {
        EnumSet<E> values = EnumSet.noneOf(type);
        if (raw == null || raw.isBlank()) {
            return values;
        }
        for (String part : raw.split(",")) {
            try {
                values.add(Enum.valueOf(type, part.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw QueryParams.invalid(name, "INVALID_ENUM", locale, "Allowed values: " + Arrays.toString(type.getEnumConstants()),
                        Arrays.toString(type.getEnumConstants()));
            }
        }
        return values;
    }

    /** PATCH body. */
    public record StatusChange(String status, String reason, Long rev) {
    }

    /** {@code contact}: the citizen reporter's contact data, staff only (absent for everyone else). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ObservationDetail(@JsonUnwrapped Observation observation, List<ObservationHistory.Revision> history,
                                    List<AuditView> audit, ObservationContacts.Contact contact) {
    }
}
