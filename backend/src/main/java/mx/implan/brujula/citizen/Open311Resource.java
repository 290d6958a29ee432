package mx.implan.brujula.citizen;

import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import mx.implan.brujula.auth.Actor;
import mx.implan.brujula.auth.CurrentActor;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.multipart.MultipartFormDataInput;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) in JSON and XML, chosen by the
 * path's extension as the spec does: routes only. Requests are parsed by {@link RequestFilters},
 * {@link FormBody}, {@link MultipartReport} and {@link ReportForm}; documents are built by
 * {@link GeoReportDocuments}; errors are answered in the spec's format by {@link Open311Errors}.
 * Signing in is optional: a citizen account's reports are its own across devices; anonymous
 * reporters get a tracking token (in the {@value #TRACKING_TOKEN} header). Responses never carry
 * personal data. Also mySociety's {@code servicerequestupdates} extension, which FixMyStreet polls.
 */
@Path("/open311/v2")
@Tag(name = "Open311", description = "Citizen reports: Open311 GeoReport v2 (JSON and XML, its own error format) and the aviso de privacidad")
public class Open311Resource {

    /** A form of every field at its limit is well under this; photos travel as media parts or media_url. */
    static final int MAX_FORM_CHARS = 64 * 1024;
    /** The anonymous reporter's tracking token: a header, since the body names the service_request_id (the spec gives one or the other). */
    public static final String TRACKING_TOKEN = "Brujula-Tracking-Token";

    @Inject
    GeoReportDocuments documents;
    @Inject
    ReportSubmission submission;
    @Inject
    RequestFilters filters;
    @Inject
    CitizenReportQuery query;
    @Inject
    CurrentActor currentActor;
    @Inject
    Open311Config config;
    @Inject
    Open311Language language;
    @Inject
    HttpHeaders headers;
    @Inject
    UriInfo uri;

    @GET
    @Path("discovery.{format}")
    @Operation(summary = "GeoReport v2 discovery (links the aviso de privacidad)")
    public Response discovery(@PathParam("format") String format) {
        Open311Text t = language.text();
        filters.common(uri.getQueryParameters(), t);
        return Open311Path.format(format, t).single(200, "discovery", documents.discovery(t));
    }

    @GET
    @Path("services.{format}")
    @Operation(summary = "Services: one per RISK hazard and URBAN_IMAGE issue (Spanish; English with ?lang=en or Accept-Language: en)")
    public Response services(@PathParam("format") String format) {
        Open311Text t = language.text();
        filters.common(uri.getQueryParameters(), t);
        return Open311Path.format(format, t).list(200, "services", documents.services(t));
    }

    @GET
    @Path("services/{file}")
    @Operation(summary = "Attribute definitions of one service")
    public Response serviceDefinition(@PathParam("file") String file) {
        Open311Text t = language.text();
        String[] parts = Open311Path.split(file, t);
        Open311Format f = Open311Path.format(parts[1], t);
        filters.common(uri.getQueryParameters(), t);
        ServiceCatalogue.Service s = ServiceCatalogue.find(parts[0])
                .orElseThrow(() -> new Open311Error(404, t.get("error.unknownService", parts[0])));
        return f.single(200, "service_definition", documents.serviceDefinition(s, t));
    }

    @POST
    @Path("requests.{format}")
    @Operation(summary = "Create a service request (form-encoded UTF-8, as GeoReport v2)", description = "Answers [{service_request_id, service_notice, account_id}]; an anonymous reporter's tracking token in the Brujula-Tracking-Token header. Idempotency-Key header (per account when signed in; anonymous: the same key and form from any address) and attribute[observation_id] make retries safe. media_url (up to brujula.open311.max-media): this server's /api/v1/attachments/{sha256} of a photo the signed-in caller uploaded, or an external http(s) link (kept, never fetched, public once approved). lat and long, or address_string / address_id alone (flagged NEEDS_LOCATION until staff place it). 404 for an unknown service_code or jurisdiction_id. 429 with Retry-After when the caller (account, else client address) created brujula.limits.report-max reports in the window.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED))
    public Response create(@PathParam("format") String format, byte[] body, @Context HttpServerRequest request) {
        Open311Text t = language.text();
        Open311Format f = Open311Path.format(format, t);
        // Checked here rather than with @Consumes so that a wrong type is answered in the spec's error format.
        MediaType type = headers.getMediaType();
        if (type == null || !type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE)) {
            throw new Open311Error(415, t.get("error.unsupportedBody"));
        }
        FormBody.requireKnownCharset(type.getParameters().get(MediaType.CHARSET_PARAMETER), t);
        if (body != null && body.length > MAX_FORM_CHARS) {
            throw new Open311Error(413, t.get("error.formTooLarge"));
        }
        Map<String, List<String>> form = FormBody.parse(body == null ? new byte[0] : body, t);
        return created(f, submission.submit(form, List.of(), request, headers.getHeaderString("Idempotency-Key"), t));
    }

    @POST
    @Path("requests.{format}")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Create a service request with its photos (multipart/form-data)",
            description = "The same fields as the form-encoded POST, plus up to brujula.open311.max-media file parts named media (JPEG, PNG or WebP, each ≤ brujula.attachments.max-bytes): each goes through the checks of PUT /api/v1/attachments/{sha256} (413 too large, 415 not an accepted image, 400/422 empty, truncated or too many pixels; nothing stored, no report) and is stored under its SHA-256 and referenced by the report, pending moderation. Idempotency-Key: the same fields and the same photo bytes → the original answer; other photos → 422.")
    @RequestBody(content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA))
    public Response createWithMedia(@PathParam("format") String format, MultipartFormDataInput input, @Context HttpServerRequest request) {
        Open311Text t = language.text();
        Open311Format f = Open311Path.format(format, t);
        // A body without Content-Type also lands here: refused like any other undeclared type, not read as an empty form.
        MediaType type = headers.getMediaType();
        if (type == null || !type.isCompatible(MediaType.MULTIPART_FORM_DATA_TYPE)) {
            throw new Open311Error(415, t.get("error.unsupportedBody"));
        }
        MultipartReport report = MultipartReport.read(input, MAX_FORM_CHARS, config.maxMedia(), t);
        return created(f, submission.submit(report.form(), report.files(), request, headers.getHeaderString("Idempotency-Key"), t));
    }

    private Response created(Open311Format f, CitizenReportService.Outcome outcome) {
        Response r = f.list(outcome.created() ? 201 : 200, "service_requests", List.of(documents.created(outcome.answer())));
        String token = outcome.answer().token();
        return token == null ? r : Response.fromResponse(r).header(TRACKING_TOKEN, token).build();
    }

    @GET
    @Path("requests.{format}")
    @Operation(summary = "Service requests", description = "service_request_id (comma-separated, ≤ 1,000; other filters then ignored), service_code (comma-separated), status open|closed, start_date/end_date (W3C, years 1900–2100, window ≤ 90 days; default the last 90 days), mine=true (signed-in citizen: own reports from every device), jurisdiction_id (optional). Each parameter at most once.")
    public Response list(@PathParam("format") String format) {
        Open311Text t = language.text();
        Open311Format f = Open311Path.format(format, t);
        String reporter = null;
        if (RequestFilters.mine(uri.getQueryParameters(), t)) {
            reporter = currentActor.find().map(Actor::name).orElseThrow(() -> new Open311Error(401, t.get("error.mineNeedsSignIn")));
        }
        CitizenReportQuery.Filter filter = filters.requests(uri.getQueryParameters(), reporter, t);
        return f.list(200, "service_requests", query.list(filter).stream().map(r -> documents.request(r, t)).toList());
    }

    @GET
    @Path("servicerequestupdates.{format}")
    @Operation(summary = "Status changes of service requests (mySociety's extension, polled by FixMyStreet)",
            description = "start_date/end_date as in GET requests (default the last 90 days), oldest first, at most brujula.open311.max-results: [{update_id, service_request_id, status (open, investigating, in_progress, fixed, no_further_action), updated_datetime, description, media_url, external_status_code}]; XML <service_request_updates><request_update>….")
    public Response updates(@PathParam("format") String format) {
        Open311Text t = language.text();
        Open311Format f = Open311Path.format(format, t);
        filters.common(uri.getQueryParameters(), t);
        RequestFilters.Window w = filters.window(uri.getQueryParameters(), t);
        return f.list(200, "service_request_updates",
                query.updates(w.start(), w.end(), config.maxResults()).stream().map(u -> documents.update(u, t)).toList());
    }

    @GET
    @Path("requests/{file}")
    @Operation(summary = "One service request (public fields only)")
    public Response one(@PathParam("file") String file) {
        Open311Text t = language.text();
        String[] parts = Open311Path.split(file, t);
        Open311Format f = Open311Path.format(parts[1], t);
        filters.common(uri.getQueryParameters(), t);
        // An id that is not a UUID names no request: 404, as the spec says for an unknown one.
        UUID id = ReportForm.uuid(parts[0]).orElseThrow(() -> new Open311Error(404, t.get("error.requestNotFound")));
        CitizenReportQuery.Row row = query.find(id).orElseThrow(() -> new Open311Error(404, t.get("error.requestNotFound")));
        return f.list(200, "service_requests", List.of(documents.request(row, t)));
    }

    @GET
    @Path("tokens/{file}")
    @Operation(summary = "The service request of an anonymous reporter's tracking token")
    public Response token(@PathParam("file") String file) {
        Open311Text t = language.text();
        String[] parts = Open311Path.split(file, t);
        Open311Format f = Open311Path.format(parts[1], t);
        filters.common(uri.getQueryParameters(), t);
        UUID id = query.byTokenHash(ReportForm.sha256(parts[0])).orElseThrow(() -> new Open311Error(404, t.get("error.requestNotFound")));
        return f.list(200, "service_requests", List.of(documents.token(id.toString(), parts[0])));
    }

    @GET
    @Path("{path: .+}")
    @Operation(hidden = true)
    public Response unknown(@PathParam("path") String path) {
        // Any other GET under /open311/v2 is answered in the spec's error format, not problem+json.
        throw new Open311Error(404, language.text().get("error.pathNotFound", path));
    }
}
