package mx.implan.brujula.citizen;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import mx.implan.brujula.attachments.UploadService;
import mx.implan.brujula.auth.Actor;
import mx.implan.brujula.auth.CurrentActor;
import mx.implan.brujula.config.BrujulaConfig;
import mx.implan.brujula.http.ApiProblem;
import mx.implan.brujula.http.ClientAddress;
import mx.implan.brujula.http.ProblemMessages;
import mx.implan.brujula.http.RequestLocale;
import mx.implan.brujula.limits.RateLimiter;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.multipart.FileItem;
import org.jboss.resteasy.reactive.server.multipart.FormValue;
import org.jboss.resteasy.reactive.server.multipart.MultipartFormDataInput;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) in JSON and XML, chosen by the
 * path's extension as the spec does. Errors use the spec's format, never problem+json. Signing in
 * is optional: a citizen account's reports are its own across devices; anonymous reporters get a
 * tracking token. Responses never carry personal data.
 */
@Path("/open311/v2")
@Tag(name = "Open311", description = "Citizen reports: Open311 GeoReport v2 (JSON and XML, its own error format) and the aviso de privacidad")
public class Open311Resource {

    public static final String SPEC = "http://wiki.open311.org/GeoReport_v2";
    /** The multipart field of a report's photos, as other GeoReport v2 servers name it. */
    static final String MEDIA = "media";
    static final String CHANGESET = "2026-11-25T00:00:00-07:00";
    /** A form of every field at its limit is well under this; photos travel as media parts or media_url. */
    private static final int MAX_FORM_CHARS = 64 * 1024;
    private static final Logger LOG = Logger.getLogger(Open311Resource.class);

    @Inject
    CitizenReportService service;
    @Inject
    CitizenReportQuery query;
    @Inject
    CurrentActor currentActor;
    @Inject
    Open311Config config;
    @Inject
    BrujulaConfig brujula;
    @Inject
    HttpHeaders headers;
    @Inject
    UriInfo uri;
    @Inject
    ClientAddress clientAddress;
    @Inject
    RateLimiter limits;
    @Inject
    UploadService uploads;

    @GET
    @Path("discovery.{format}")
    @Operation(summary = "GeoReport v2 discovery (links the aviso de privacidad)")
    public Response discovery(@PathParam("format") String format) {
        Open311Format f = format(format);
        Locale locale = locale();
        ObjectNode d = Open311Format.object();
        d.put("changeset", CHANGESET);
        d.put("contact", config.contact());
        d.put("key_service", new ReportForm.Text(locale).of(
                "No se requiere api_key. Reportes anónimos o con cuenta ciudadana (Authorization: Bearer).",
                "No api_key needed. Report anonymously or with a citizen account (Authorization: Bearer)."));
        d.put("privacy_notice", base() + PrivacyNoticeResource.PATH);
        ArrayNode endpoints = d.putArray("endpoints");
        ObjectNode endpoint = endpoints.addObject();
        endpoint.put("specification", SPEC);
        endpoint.put("url", base() + "/open311/v2");
        endpoint.put("changeset", CHANGESET);
        endpoint.put("type", "production");
        endpoint.putArray("formats").add("text/xml").add("application/json");
        return f.single(200, "discovery", d);
    }

    @GET
    @Path("services.{format}")
    @Operation(summary = "Services: one per RISK hazard and URBAN_IMAGE issue (Spanish; English with ?lang=en or Accept-Language: en)")
    public Response services(@PathParam("format") String format) {
        Open311Format f = format(format);
        Locale locale = locale();
        List<ObjectNode> services = ServiceCatalogue.all().stream().map(s -> {
            ObjectNode n = Open311Format.object();
            n.put("service_code", s.code());
            n.put("service_name", s.name(locale));
            n.put("description", s.description(locale));
            n.put("metadata", true);
            n.put("type", "realtime");
            n.put("keywords", s.keywords());
            n.put("group", s.group(locale));
            return n;
        }).toList();
        return f.list(200, "services", services);
    }

    @GET
    @Path("services/{file}")
    @Operation(summary = "Attribute definitions of one service")
    public Response serviceDefinition(@PathParam("file") String file) {
        String[] parts = split(file);
        Open311Format f = format(parts[1]);
        ReportForm.Text t = new ReportForm.Text(locale());
        ServiceCatalogue.Service s = ServiceCatalogue.find(parts[0]).orElseThrow(() ->
                new Open311Error(404, t.of("service_code desconocido: " + parts[0], "Unknown service_code: " + parts[0])));
        ObjectNode d = Open311Format.object();
        d.put("service_code", s.code());
        ArrayNode attributes = d.putArray("attributes");
        ObjectNode severity = attribute(attributes, "severity", "singlevaluelist", 1,
                t.of("Entero de 1 (muy baja) a 5 (muy alta); si falta se usa 3",
                        "Integer from 1 (very low) to 5 (very high); 3 when absent"),
                t.of("¿Qué tan grave es?", "How severe is it?"));
        ArrayNode values = severity.putArray("values");
        String[][] names = {{"Muy baja", "Very low"}, {"Baja", "Low"}, {"Media", "Medium"}, {"Alta", "High"}, {"Muy alta", "Very high"}};
        for (int i = 0; i < names.length; i++) {
            values.addObject().put("key", String.valueOf(i + 1)).put("name", t.of(names[i][0], names[i][1]));
        }
        attribute(attributes, "observation_id", "string", 2,
                t.of("UUID creado por la app; reenviar el mismo nunca duplica el reporte",
                        "UUID made by the app; resending it never duplicates the report"),
                t.of("Identificador del reporte en la app", "The report's id in the app"));
        return f.single(200, "service_definition", d);
    }

    /** One optional, variable attribute of a service definition, in the spec's member order. */
    private static ObjectNode attribute(ArrayNode attributes, String code, String datatype, int order,
                                        String datatypeDescription, String description) {
        ObjectNode a = attributes.addObject();
        a.put("variable", true);
        a.put("code", code);
        a.put("datatype", datatype);
        a.put("required", false);
        a.put("datatype_description", datatypeDescription);
        a.put("order", order);
        a.put("description", description);
        return a;
    }

    @POST
    @Path("requests.{format}")
    @Operation(summary = "Create a service request (form-encoded, as GeoReport v2)", description = "Idempotency-Key header (scoped to the caller) and attribute[observation_id] make retries safe. media_url: only this server's /api/v1/attachments/{sha256}. lat and long are required (address_string alone → 400 location required). 429 with Retry-After when the caller (account, else client address) created brujula.limits.report-max reports in the window.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED))
    public Response create(@PathParam("format") String format, String body, @Context HttpServerRequest request) {
        Open311Format f = format(format);
        // Checked here rather than with @Consumes so that a wrong type is answered in the spec's error format.
        MediaType type = headers.getMediaType();
        if (type == null || !type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE)) {
            throw new Open311Error(415, new ReportForm.Text(locale()).of(
                    "Envíe el formulario como application/x-www-form-urlencoded o multipart/form-data (con fotos)",
                    "Send the form as application/x-www-form-urlencoded or multipart/form-data (with photos)"));
        }
        if (body != null && body.length() > MAX_FORM_CHARS) {
            throw new Open311Error(413, new ReportForm.Text(locale()).of("El formulario es demasiado grande", "The form is too large"));
        }
        return submit(f, FormBody.parse(body), List.of(), request);
    }

    @POST
    @Path("requests.{format}")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Create a service request with its photos (multipart/form-data)",
            description = "The same fields as the form-encoded POST, plus up to brujula.open311.max-media file parts named media (JPEG, PNG or WebP, each ≤ brujula.attachments.max-bytes): each goes through the checks of PUT /api/v1/attachments/{sha256} (413 too large, 415 not an accepted image, 400/422 empty, truncated or too many pixels; nothing stored, no report) and is stored under its SHA-256 and referenced by the report, pending moderation. Idempotency-Key: the same fields and the same photo bytes → the original answer; other photos → 422.")
    @RequestBody(content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA))
    public Response createWithMedia(@PathParam("format") String format, MultipartFormDataInput input, @Context HttpServerRequest request) {
        Open311Format f = format(format);
        ReportForm.Text t = new ReportForm.Text(locale());
        Map<String, List<String>> form = new LinkedHashMap<>();
        List<FormValue> files = new ArrayList<>();
        int chars = 0;
        for (Map.Entry<String, Collection<FormValue>> field : input.getValues().entrySet()) {
            for (FormValue value : field.getValue()) {
                if (value.isFileItem()) {
                    if (!MEDIA.equals(field.getKey())) {
                        throw Open311Error.badRequest(t.of("Solo el campo media puede llevar un archivo, no " + field.getKey(),
                                "Only the media field may carry a file, not " + field.getKey()));
                    }
                    files.add(value);
                } else if (MEDIA.equals(field.getKey())) {
                    throw Open311Error.badRequest(t.of("media debe ser un archivo (una parte con filename)",
                            "media must be a file (a part with a filename)"));
                } else {
                    chars += field.getKey().length() + value.getValue().length();
                    form.computeIfAbsent(field.getKey(), k -> new ArrayList<>()).add(value.getValue());
                }
            }
        }
        if (chars > MAX_FORM_CHARS) {
            throw new Open311Error(413, t.of("El formulario es demasiado grande", "The form is too large"));
        }
        if (files.size() > config.maxMedia()) {
            throw Open311Error.badRequest(t.of("media: como máximo " + config.maxMedia() + " fotos por reporte",
                    "media: at most " + config.maxMedia() + " photos per report"));
        }
        return submit(f, form, files, request);
    }

    /** Both kinds of POST once their body is read: rate limit (once per request), photo checks, then the report. */
    private Response submit(Open311Format f, Map<String, List<String>> form, List<FormValue> files, HttpServerRequest request) {
        Locale locale = locale();
        Actor account = currentActor.find().orElse(null);
        String address = clientAddress.of(request);
        // Per account when signed in; anonymous reporters share their (often carrier-wide) address.
        limits.report(account != null ? "account:" + account.name() : "address:" + address).ifPresent(wait -> {
            throw Open311Error.tooManyRequests(new ReportForm.Text(locale).of(
                    "Demasiados reportes; intente de nuevo en " + wait + " s", "Too many reports; try again in " + wait + " s"), wait);
        });
        List<MediaPart> media = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            media.add(inspect(files.get(i), i, locale));
        }
        CitizenReportService.Outcome outcome = service.submit(form, media, new CitizenReportService.Caller(account, address),
                headers.getHeaderString("Idempotency-Key"), locale);
        CitizenReports.Answer a = outcome.answer();
        ObjectNode n = Open311Format.object();
        n.put("service_request_id", a.serviceRequestId().toString());
        if (a.token() != null) {
            n.put("token", a.token());
        }
        n.put("service_notice", a.serviceNotice());
        n.put("account_id", a.accountId());
        return f.list(outcome.created() ? 201 : 200, "service_requests", List.of(n));
    }

    /** One media part through the checks of an upload (nothing stored yet); a refusal in the spec's format naming the part. */
    private MediaPart inspect(FormValue file, int index, Locale locale) {
        FileItem item = file.getFileItem();
        try (InputStream in = item.getInputStream()) {
            return new MediaPart(uploads.inspect(in, item.getFileSize()), item::getInputStream);
        } catch (ApiProblem refused) {
            String name = file.getFileName() == null ? "" : " (" + file.getFileName() + ")";
            throw new Open311Error(refused.status(), "media[" + index + "]" + name + ": "
                    + ProblemMessages.detail(refused.code(), locale, refused.getMessage(), refused.args()));
        } catch (IOException e) {
            throw new UncheckedIOException("Reading media part " + index, e);
        }
    }

    @GET
    @Path("requests.{format}")
    @Operation(summary = "Service requests", description = "service_request_id (comma-separated; other filters then ignored), service_code (comma-separated), status open|closed, start_date/end_date (window ≤ 90 days; default the last 90 days), mine=true (signed-in citizen: own reports from every device).")
    public Response list(@PathParam("format") String format, @QueryParam("service_request_id") String ids,
                         @QueryParam("service_code") String codes, @QueryParam("status") String status,
                         @QueryParam("start_date") String startDate, @QueryParam("end_date") String endDate,
                         @QueryParam("mine") String mine) {
        Open311Format f = format(format);
        Locale locale = locale();
        ReportForm.Text t = new ReportForm.Text(locale);
        String reporter = null;
        if ("true".equalsIgnoreCase(mine)) {
            reporter = currentActor.find().map(Actor::name).orElseThrow(() ->
                    new Open311Error(401, t.of("mine=true requiere iniciar sesión", "mine=true requires signing in")));
        }
        CitizenReportQuery.Filter filter;
        if (ids != null && !ids.isBlank()) {
            List<UUID> list = new ArrayList<>();
            for (String part : ids.split(",")) {
                list.add(uuid(part.trim(), t));
            }
            filter = new CitizenReportQuery.Filter(list, null, null, null, null, reporter, config.maxResults());
        } else {
            Set<String> services = null;
            if (codes != null && !codes.isBlank()) {
                services = new LinkedHashSet<>();
                for (String code : codes.split(",")) {
                    String c = code.trim();
                    services.add(ServiceCatalogue.find(c).orElseThrow(() -> Open311Error.badRequest(
                            t.of("service_code desconocido: " + c, "Unknown service_code: " + c))).code());
                }
            }
            Boolean open = null;
            if (status != null && !status.isBlank()) {
                Set<Boolean> wanted = new LinkedHashSet<>();
                for (String s : status.split(",")) {
                    switch (s.trim().toLowerCase(Locale.ROOT)) {
                        case "open" -> wanted.add(true);
                        case "closed" -> wanted.add(false);
                        default -> throw Open311Error.badRequest(t.of("status debe ser open o closed", "status must be open or closed"));
                    }
                }
                open = wanted.size() == 1 ? wanted.iterator().next() : null;
            }
            OffsetDateTime end = date("end_date", endDate, true, t);
            OffsetDateTime start = date("start_date", startDate, false, t);
            if (end == null) {
                end = start == null ? OffsetDateTime.now(ZoneOffset.UTC) : start.plus(config.maxWindow());
            }
            if (start == null) {
                start = end.minus(config.maxWindow());
            }
            if (end.isBefore(start)) {
                throw Open311Error.badRequest(t.of("end_date es anterior a start_date", "end_date is before start_date"));
            }
            if (start.plus(config.maxWindow()).isBefore(end)) {
                throw Open311Error.badRequest(t.of("La ventana start_date–end_date no puede pasar de " + config.maxWindow().toDays() + " días",
                        "The start_date–end_date window may not exceed " + config.maxWindow().toDays() + " days"));
            }
            filter = new CitizenReportQuery.Filter(null, services, open, start, end, reporter, config.maxResults());
        }
        return f.list(200, "service_requests", query.list(filter).stream().map(r -> request(r, locale)).toList());
    }

    @GET
    @Path("requests/{file}")
    @Operation(summary = "One service request (public fields only)")
    public Response one(@PathParam("file") String file) {
        String[] parts = split(file);
        Open311Format f = format(parts[1]);
        Locale locale = locale();
        ReportForm.Text t = new ReportForm.Text(locale);
        CitizenReportQuery.Row row = query.find(uuid(parts[0], t)).orElseThrow(() -> notFound(t));
        return f.list(200, "service_requests", List.of(request(row, locale)));
    }

    @GET
    @Path("tokens/{file}")
    @Operation(summary = "The service request of an anonymous reporter's tracking token")
    public Response token(@PathParam("file") String file) {
        String[] parts = split(file);
        Open311Format f = format(parts[1]);
        ReportForm.Text t = new ReportForm.Text(locale());
        UUID id = query.byTokenHash(ReportForm.sha256(parts[0])).orElseThrow(() -> notFound(t));
        ObjectNode n = Open311Format.object();
        n.put("service_request_id", id.toString());
        n.put("token", parts[0]);
        return f.list(200, "service_requests", List.of(n));
    }

    @GET
    @Path("{path: .+}")
    @Operation(hidden = true)
    public Response unknown(@PathParam("path") String path) {
        // Any other GET under /open311/v2 is answered in the spec's error format, not problem+json.
        throw new Open311Error(404, new ReportForm.Text(locale()).of("No existe: " + path, "Not found: " + path));
    }

    private ObjectNode request(CitizenReportQuery.Row r, Locale locale) {
        ReportForm.Text t = new ReportForm.Text(locale);
        ServiceCatalogue.Service s = ServiceCatalogue.find(r.serviceCode()).orElse(null);
        ObjectNode n = Open311Format.object();
        n.put("service_request_id", r.id().toString());
        n.put("status", CitizenReports.OPEN_STATUSES.contains(r.status()) ? "open" : "closed");
        n.put("status_notes", StatusNotes.of(r.status(), r.duplicateOf(), locale));
        n.put("service_name", s == null ? r.serviceCode() : s.name(locale));
        n.put("service_code", r.serviceCode());
        n.put("description", r.description());
        n.put("agency_responsible", t.of("Ayuntamiento de Hermosillo", "Municipality of Hermosillo"));
        n.putNull("service_notice");
        n.put("requested_datetime", w3c(r.requestedAt()));
        n.put("updated_datetime", w3c(r.updatedAt()));
        n.putNull("expected_datetime");
        n.put("address", r.address());
        n.putNull("address_id");
        n.putNull("zipcode");
        n.put("lat", r.lat());
        n.put("long", r.lon());
        // Citizen photos are published only after a supervisor approves them, and only as the public variant (no EXIF GPS).
        if (r.publicPhoto() == null) {
            n.putNull("media_url");
        } else {
            n.put("media_url", base() + "/api/v1/attachments/" + r.publicPhoto() + "?variant=public");
        }
        return n;
    }

    /** W3C date-time in the municipality's offset, to the second, as the spec's examples write them. */
    private String w3c(OffsetDateTime t) {
        return t.atZoneSameInstant(brujula.timezone()).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    private static Open311Error notFound(ReportForm.Text t) {
        return new Open311Error(404, t.of("No existe esa solicitud", "No such service request"));
    }

    private static UUID uuid(String raw, ReportForm.Text t) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw Open311Error.badRequest(t.of("service_request_id no es válido: " + raw, "Invalid service_request_id: " + raw));
        }
    }

    private OffsetDateTime date(String field, String raw, boolean endOfDay, ReportForm.Text t) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(raw.trim());
        } catch (DateTimeParseException notInstant) {
            try {
                LocalDate day = LocalDate.parse(raw.trim());
                return (endOfDay ? day.plusDays(1).atStartOfDay(brujula.timezone()).minusNanos(1) : day.atStartOfDay(brujula.timezone()))
                        .toOffsetDateTime();
            } catch (DateTimeParseException notDate) {
                throw Open311Error.badRequest(t.of(field + " debe ser fecha ISO-8601 (2026-11-25T10:00:00-07:00)",
                        field + " must be an ISO-8601 date-time (2026-11-25T10:00:00-07:00)"));
            }
        }
    }

    /** {@code name.ext} → {name, ext}; without a GeoReport extension → 404. */
    private String[] split(String file) {
        int dot = file.lastIndexOf('.');
        if (dot <= 0) {
            throw new Open311Error(404, new ReportForm.Text(locale()).of("Use la extensión .json o .xml", "Use the .json or .xml extension"));
        }
        return new String[]{file.substring(0, dot), file.substring(dot + 1)};
    }

    private Open311Format format(String extension) {
        if (!"json".equalsIgnoreCase(extension) && !"xml".equalsIgnoreCase(extension)) {
            throw new Open311Error(404, new ReportForm.Text(locale()).of("Formato no soportado: use .json o .xml", "Unsupported format: use .json or .xml"));
        }
        return Open311Format.of(extension);
    }

    private Locale locale() {
        String lang = uri == null ? null : uri.getQueryParameters().getFirst("lang");
        return RequestLocale.from(lang != null && !lang.isBlank() ? lang
                : headers == null ? null : headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
    }

    private String base() {
        String b = config.publicBaseUrl();
        return b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
    }

    private Open311Format responseFormat() {
        String path = uri == null ? "" : uri.getPath();
        return path.endsWith(".xml") ? Open311Format.XML : Open311Format.JSON;
    }

    // ---- errors in the GeoReport v2 format for everything under /open311/v2 ----

    @ServerExceptionMapper
    public Response open311Error(Open311Error e) {
        Response r = responseFormat().error(e.status(), e.description());
        return e.retryAfter() == null ? r : Response.fromResponse(r).header("Retry-After", e.retryAfter().toString()).build();
    }

    /** A problem from a shared service (photo upload checks) is answered in the spec's format too. */
    @ServerExceptionMapper
    public Response problem(ApiProblem e) {
        if (e.status() >= 500) {
            return internal(e);
        }
        return responseFormat().error(e.status(), ProblemMessages.detail(e.code(), locale(), e.getMessage(), e.args()));
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e) {
        return unauthenticatedResponse();
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return unauthenticatedResponse();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return responseFormat().error(403, new ReportForm.Text(locale()).of("No permitido", "Forbidden"));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status >= 500) {
            return internal(e);
        }
        ReportForm.Text t = new ReportForm.Text(locale());
        String description = switch (status) {
            case 404 -> t.of("No existe", "Not found");
            case 405 -> t.of("Método no permitido", "Method not allowed");
            case 415 -> t.of("Envíe application/x-www-form-urlencoded o multipart/form-data", "Send application/x-www-form-urlencoded or multipart/form-data");
            default -> t.of("Solicitud inválida", "Bad request");
        };
        return responseFormat().error(status, description);
    }

    @ServerExceptionMapper
    public Response internal(Throwable e) {
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "Unhandled Open311 error, incident %s", incident);
        return responseFormat().error(500, "Error interno; incidente " + incident);
    }

    private Response unauthenticatedResponse() {
        Response r = responseFormat().error(401, new ReportForm.Text(locale()).of(
                "Token inválido o vencido; omita Authorization para reportar de forma anónima",
                "Invalid or expired token; omit Authorization to report anonymously"));
        return Response.fromResponse(r).header("WWW-Authenticate", "Bearer").build();
    }
}
