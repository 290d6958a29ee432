package mx.implan.brujula.works;

import mx.implan.brujula.http.UnreadableFileException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import mx.implan.brujula.auth.Actor;
import mx.implan.brujula.auth.Roles;
import mx.implan.brujula.http.ApiProblem;
import mx.implan.brujula.http.JsonProblems;
import mx.implan.brujula.http.QueryParams;
import mx.implan.brujula.http.RequestLocale;
import mx.implan.brujula.model.Page;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The public works catalogue. Reading is open to every signed-in role, citizens included: the
 * catalogue (budget, programme, contractor, dates) is public information under transparency rules
 * and the public SIG map shows it anyway. Writing is for administrators.
 */
@Path("/api/v1/works")
@Tag(name = "Public works", description = "The public works catalogue (obra pública)")
@Produces(MediaType.APPLICATION_JSON)
public class WorksResource {

    public static final String GEO_JSON = "application/geo+json";
    public static final String CSV = "text/csv";

    /** JSON body names → catalogue field names; the body uses the API's camelCase. */
    private static final Map<String, String> BODY_FIELDS = Map.ofEntries(
            Map.entry("code", WorkDraft.CODE), Map.entry("name", WorkDraft.NAME),
            Map.entry("programme", WorkDraft.PROGRAMME), Map.entry("fund", WorkDraft.FUND),
            Map.entry("budgetMxn", WorkDraft.BUDGET), Map.entry("contractor", WorkDraft.CONTRACTOR),
            Map.entry("plannedStart", WorkDraft.START), Map.entry("plannedEnd", WorkDraft.END),
            Map.entry("plannedCurve", WorkDraft.CURVE), Map.entry("description", WorkDraft.DESCRIPTION));

    @Inject
    PublicWorkCatalogue catalogue;

    @Inject
    WorksImport worksImport;

    @GET
    @RolesAllowed({Roles.CITIZEN, Roles.INSPECTOR, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "List public works", description = "Filter by programme (exact, case-insensitive) or bbox; keyset pages ordered by code.")
    public Page<ObjectNode> list(@QueryParam("programme") String programme, @QueryParam("bbox") String bbox,
                                 @QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
                                 @Context HttpHeaders headers) {
        Locale locale = locale(headers);
        return catalogue.list(new PublicWorkCatalogue.Query(
                Optional.ofNullable(programme).map(String::strip).filter(p -> !p.isEmpty()),
                QueryParams.bbox(bbox, locale),
                QueryParams.limit(limit, PublicWorkCatalogue.DEFAULT_LIMIT, PublicWorkCatalogue.MAX_LIMIT, locale),
                QueryParams.decodeCursor(PublicWorkCatalogue.CURSOR_LIST, cursor, locale)));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One public work by id")
    @RolesAllowed({Roles.CITIZEN, Roles.INSPECTOR, Roles.SUPERVISOR, Roles.ADMIN})
    public ObjectNode get(@PathParam("id") String id) {
        return parseId(id).flatMap(catalogue::find)
                .orElseThrow(() -> ApiProblem.notFound("WORK_NOT_FOUND", "Public work {0} does not exist", id));
    }

    /**
     * Creates or updates one work, identified by its code: sending the same body twice changes
     * nothing the second time. 201 when created, 200 otherwise; 422 with field paths when invalid.
     */
    @POST
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create or update one work by code", description = "201 when created, 200 when updated or unchanged, 422 with field paths when invalid.")
    public Response upsert(ObjectNode body, @Context SecurityContext security, @Context HttpHeaders headers,
                           @Context UriInfo uri) {
        Locale locale = locale(headers);
        if (body == null) {
            throw JsonProblems.objectRequired(locale);
        }
        Map<String, JsonNode> values = new HashMap<>();
        body.fields().forEachRemaining(e -> {
            String key = BODY_FIELDS.get(e.getKey());
            if (key != null) {
                values.put(key, e.getValue());
            }
        });
        Map<String, String> back = new HashMap<>();
        BODY_FIELDS.forEach((json, key) -> back.put(key, json));
        WorkDraft draft = new WorkDraft(0, values, body.get("geometry"), key -> back.getOrDefault(key, key));
        WorkValidator.Result result = WorkValidator.validate(draft);
        if (!result.valid()) {
            throw ApiProblem.validation(result.issues().stream().map(i -> i.toFieldError(locale)).toList());
        }
        PublicWorkCatalogue.Upsert upsert = catalogue.upsert(result.work(), actor(security), false);
        ObjectNode work = catalogue.find(upsert.id()).orElseThrow();
        if (upsert.outcome() == Outcome.CREATED) {
            return Response.created(uri.getAbsolutePathBuilder().path(upsert.id().toString()).build()).entity(work).build();
        }
        return Response.ok(work).build();
    }

    /**
     * Imports a whole catalogue (CSV or GeoJSON FeatureCollection) and answers the per-row report,
     * messages in the caller's language. 200 even when rows were rejected: the report says which.
     */
    @POST
    @Path("import")
    @Operation(summary = "Import a catalogue", description = "Body text/csv or application/geo+json; answers the per-row report. dryRun=true writes nothing.")
    @RolesAllowed(Roles.ADMIN)
    @Consumes({CSV, GEO_JSON, MediaType.APPLICATION_JSON})
    public ObjectNode importCatalogue(byte[] body, @QueryParam("dryRun") String dryRun,
                                      @Context SecurityContext security, @Context HttpHeaders headers) {
        Locale locale = locale(headers);
        boolean dry = QueryParams.flag("dryRun", dryRun, false, locale);
        MediaType type = headers.getMediaType();
        WorksImport.Format format = type != null && type.isCompatible(MediaType.valueOf(CSV))
                ? WorksImport.Format.CSV : WorksImport.Format.GEOJSON;
        try {
            return worksImport.importBytes(body == null ? new byte[0] : body, format, actor(security), dry).toJson(locale);
        } catch (UnreadableFileException e) {
            throw e.toProblem();
        }
    }

    private static Optional<UUID> parseId(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException notUuid) {
            return Optional.empty();
        }
    }

    static Actor actor(SecurityContext security) {
        Set<String> roles = new HashSet<>();
        Stream.of(Roles.CITIZEN, Roles.INSPECTOR, Roles.SUPERVISOR, Roles.ADMIN)
                .filter(security::isUserInRole).forEach(roles::add);
        return new Actor(security.getUserPrincipal().getName(), roles);
    }

    private static Locale locale(HttpHeaders headers) {
        return RequestLocale.from(headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
    }
}
