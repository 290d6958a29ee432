package mx.implan.brujula.citizen;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import mx.implan.brujula.auth.CurrentActor;
import mx.implan.brujula.auth.Roles;
import mx.implan.brujula.http.ApiProblem;
import mx.implan.brujula.model.sync.FieldError;
import mx.implan.brujula.http.ProblemMessages;
import mx.implan.brujula.http.QueryParams;
import mx.implan.brujula.http.RequestLocale;
import mx.implan.brujula.model.Page;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Staff's triage of citizen reports: address-only reports first, and placing them on the map. */
@Path("/api/v1/citizen-reports")
@Tag(name = "Citizen report triage", description = "Citizen reports for staff: those needing a location first; placing them")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
public class CitizenTriageResource {

    @Inject
    CitizenTriage triage;
    @Inject
    CurrentActor actor;
    @Inject
    HttpHeaders headers;

    /** Body of a placement: the report's point. */
    public record Location(Double lat, @JsonProperty("long") Double lon) {
    }

    @GET
    @Operation(summary = "Citizen reports, those needing a location (address-only) first, then newest",
            description = "needsLocation=true|false filters; limit ≤ 500 (default 50), cursor from next. Each item: serviceRequestId, serviceCode, status, flags, needsLocation, address, addressId, lat, long (null while it needs a location), reportedAt, duplicateOf, photos [{sha256, origin REPORT_MEDIA|ACCOUNT_UPLOAD, uploadedBy}], links [{id, url, decision}] (external media_url, never fetched).")
    public Page<CitizenTriage.Report> list(@QueryParam("needsLocation") String needsLocation, @QueryParam("limit") String limit,
                                           @QueryParam("cursor") String cursor) {
        Locale locale = locale();
        Boolean needs = needsLocation == null || needsLocation.isBlank() ? null : QueryParams.flag("needsLocation", needsLocation, false, locale);
        return triage.list(needs, QueryParams.limit(limit, 50, 500, locale), cursor, locale);
    }

    @PUT
    @Path("/{id}/location")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Place a citizen report (clears NEEDS_LOCATION; audited; links an open report of the same service nearby)",
            description = "Body {\"lat\": 29.0729, \"long\": -110.9613}. 404 CITIZEN_REPORT_NOT_FOUND, 422 for a missing or out-of-range coordinate.")
    public CitizenTriage.Report place(@PathParam("id") String id, Location body) {
        Locale locale = locale();
        UUID report = QueryParams.uuid("id", id, locale);
        List<FieldError> errors = new ArrayList<>();
        check(errors, "lat", body == null ? null : body.lat(), 90, "LAT_RANGE", "Latitude must be between -90 and 90", locale);
        check(errors, "long", body == null ? null : body.lon(), 180, "LON_RANGE", "Longitude must be between -180 and 180", locale);
        if (!errors.isEmpty()) {
            throw ApiProblem.validation(errors);
        }
        return triage.place(actor.get(), report, body.lat(), body.lon());
    }

    private static void check(List<FieldError> errors, String field, Double value, double bound, String code, String fallback, Locale locale) {
        if (value == null) {
            errors.add(new FieldError(field, "REQUIRED", ProblemMessages.detail("field.REQUIRED", locale, "Required")));
        } else if (!Double.isFinite(value) || Math.abs(value) > bound) {
            errors.add(new FieldError(field, code, ProblemMessages.detail("field." + code, locale, fallback)));
        }
    }

    private Locale locale() {
        return RequestLocale.from(headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
    }
}
