package mx.implan.brujula.attachments;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import mx.implan.brujula.auth.Actor;
import mx.implan.brujula.auth.CurrentActor;
import mx.implan.brujula.auth.Roles;
import mx.implan.brujula.http.ApiProblem;
import mx.implan.brujula.model.sync.FieldError;
import mx.implan.brujula.http.ProblemMessages;
import mx.implan.brujula.http.QueryParams;
import mx.implan.brujula.http.RequestLocale;
import mx.implan.brujula.limits.RateLimiter;
import mx.implan.brujula.limits.TooManyRequests;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.InputStream;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Photos by SHA-256: upload (PUT), presence (HEAD, missing list), read with variants (GET). */
@Path("/api/v1/attachments")
@Tag(name = "attachments")
@SecurityRequirement(name = "jwt")
@RolesAllowed({Roles.CITIZEN, Roles.INSPECTOR, Roles.SUPERVISOR, Roles.ADMIN})
public class AttachmentResource {

    private static final String CACHE = "private, max-age=86400";

    @Inject
    UploadService uploads;
    @Inject
    PhotoReader reader;
    @Inject
    AttachmentRows rows;
    @Inject
    ObjectStore store;
    @Inject
    AttachmentsConfig config;
    @Inject
    SecurityIdentity identity;
    @Inject
    HttpHeaders headers;
    @Inject
    RateLimiter limits;

    /** What an upload answers. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AttachmentInfo(String sha256, String mediaType, long bytes, int width, int height, OffsetDateTime createdAt) {
        static AttachmentInfo of(AttachmentRows.Stored s) {
            return new AttachmentInfo(s.sha256(), s.mediaType(), s.bytes(), s.width(), s.height(), s.createdAt());
        }
    }

    /** {@code POST /missing} answer: the asked hashes not stored yet, in the order asked. */
    public record MissingResponse(List<String> missing) {
    }

    @PUT
    @Path("/{sha256}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Upload a photo under its SHA-256",
            description = "Streams the body (≤ brujula.attachments.max-bytes), verifies the hash, sniffs the type from the bytes (JPEG, PNG, WebP) and checks the image header. 201 stored, 200 already stored (nothing rewritten); 413 too large, 415 not an accepted image, 422 hash mismatch or bad image. A citizen account may store brujula.limits.photo-max new photos per photo-window (a photo already stored does not count): past it 429 RATE_LIMITED with Retry-After, before the body is read; staff are not limited.")
    public Response upload(@PathParam("sha256") String sha256, InputStream body) {
        String hash = Hashes.require("sha256", sha256, locale());
        Actor actor = actor();
        if (!actor.isStaff() && rows.find(hash).isEmpty()) {
            // Only what would be stored counts: a resend after a lost answer costs no storage and must go through.
            limits.photo("account:" + actor.name()).ifPresent(wait -> {
                throw TooManyRequests.rateLimited(wait);
            });
        }
        UploadService.Outcome outcome = uploads.upload(actor, hash, body, contentLength());
        Response.ResponseBuilder response = outcome.created()
                ? Response.created(URI.create("/api/v1/attachments/" + hash)) : Response.ok();
        return response.entity(AttachmentInfo.of(outcome.attachment())).tag(hash).build();
    }

    @HEAD
    @Path("/{sha256}")
    @Operation(summary = "Whether a photo is stored", description = "200 stored, 404 not yet: a device resumes an interrupted sync without resending what arrived.")
    public Response head(@PathParam("sha256") String sha256) {
        String hash = Hashes.require("sha256", sha256, locale());
        return rows.find(hash)
                .map(s -> Response.ok().tag(hash).header("X-Brujula-Media-Type", s.mediaType()).build())
                .orElseGet(() -> Response.status(404).build());
    }

    @POST
    @Path("/missing")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Which of these photos are not stored yet",
            description = "Body {\"hashes\": [sha256, …]} (≤ brujula.attachments.max-missing-query) → {\"missing\": [...]}, the ones this caller has not sent yet (not stored, or stored from someone else's upload), in the order asked.")
    public MissingResponse missing(JsonNode body) {
        Locale locale = locale();
        JsonNode hashes = body == null ? null : body.get("hashes");
        if (hashes == null || !hashes.isArray()) {
            throw invalid("hashes", "REQUIRED", locale, "field.REQUIRED", "Required");
        }
        if (hashes.size() > config.maxMissingQuery()) {
            throw invalid("hashes", "TOO_MANY_HASHES", locale, "field.TOO_MANY_HASHES",
                    "At most " + config.maxMissingQuery() + " hashes per request", config.maxMissingQuery())
                    .with("maxHashes", config.maxMissingQuery());
        }
        Set<String> asked = new LinkedHashSet<>();
        for (int i = 0; i < hashes.size(); i++) {
            JsonNode h = hashes.get(i);
            Hashes.require("hashes[" + i + "]", h.isTextual() ? h.asText() : null, locale);
            asked.add(h.asText());
        }
        return new MissingResponse(new ArrayList<>(rows.missingFrom(actor().name(), asked)));
    }

    @GET
    @Path("/{sha256}")
    @PermitAll
    @Produces({"image/jpeg", "image/png", "image/webp", MediaType.APPLICATION_JSON})
    @Operation(summary = "Read a photo",
            description = "variant=original (staff and the author), thumb (≤ 320 px) or public (EXIF GPS and device fields removed, upright). Only when an observation you may read references the hash; otherwise 404. Without a token only variant=public of a citizen photo a supervisor approved (other variants 401). ETag, Range (206), Cache-Control: private; a presigned redirect (307) when a public S3 endpoint is configured.")
    public Response get(@PathParam("sha256") String sha256, @QueryParam("variant") String variantName) {
        Locale locale = locale();
        String hash = Hashes.require("sha256", sha256, locale);
        Variant variant = Variant.parse(variantName).orElseThrow(() -> QueryParams.invalid("variant", "INVALID_ENUM",
                locale, "Allowed values: original, thumb, public", "original, thumb, public"));
        AttachmentRows.Stored photo = reader.authorize(actor(), hash, variant);
        String etag = variant == Variant.ORIGINAL ? hash : hash + "-" + variant.wireName();
        String ifNoneMatch = headers.getHeaderString(HttpHeaders.IF_NONE_MATCH);
        if (ifNoneMatch != null && (ifNoneMatch.contains("\"" + etag + "\"") || ifNoneMatch.trim().equals("*"))) {
            return Response.notModified().tag(etag).header(HttpHeaders.CACHE_CONTROL, CACHE).build();
        }
        String key = reader.ensure(photo, variant);
        if (store.presigns()) {
            return Response.temporaryRedirect(URI.create(store.presignedGet(key)))
                    .header(HttpHeaders.CACHE_CONTROL, "private, no-store").build();
        }
        long total = variant == Variant.ORIGINAL ? photo.bytes()
                : store.size(key).orElseThrow(() -> PhotoReader.notFound(hash));
        String mediaType = variant == Variant.ORIGINAL ? photo.mediaType() : "image/jpeg";
        ByteRange range = ByteRange.parse(headers.getHeaderString("Range"), total);
        if (range == ByteRange.UNSATISFIABLE) {
            throw new ApiProblem(416, "RANGE_NOT_SATISFIABLE", "Range Not Satisfiable",
                    "The range is outside the {0} bytes of the photo", total).header("Content-Range", "bytes */" + total);
        }
        ObjectStore.Read read = (range == null ? reader.open(key, 0, null) : reader.open(key, range.first(), range.length()))
                .orElseThrow(() -> PhotoReader.notFound(hash));
        Response.ResponseBuilder response = range == null ? Response.ok() : Response.status(206)
                .header("Content-Range", "bytes " + range.first() + "-" + range.last() + "/" + total);
        return response.entity(read.body())
                .type(mediaType)
                .tag(etag)
                .header(HttpHeaders.CONTENT_LENGTH, range == null ? total : range.length())
                .header(HttpHeaders.CACHE_CONTROL, CACHE)
                .header("Accept-Ranges", "bytes")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    private Long contentLength() {
        String value = headers.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static ApiProblem invalid(String field, String code, Locale locale, String key, String fallback, Object... args) {
        String message = ProblemMessages.detail(key, locale, fallback, args);
        return new ApiProblem(400, "INVALID_PARAMETER", "Bad Request", "Invalid parameter {0}",
                List.of(new FieldError(field, code, message)), field);
    }

    private Actor actor() {
        return CurrentActor.of(identity);
    }

    private Locale locale() {
        return RequestLocale.from(headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
    }
}
