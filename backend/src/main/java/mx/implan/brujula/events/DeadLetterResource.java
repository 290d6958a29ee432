package mx.implan.brujula.events;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import mx.implan.brujula.auth.Roles;
import mx.implan.brujula.http.QueryParams;
import mx.implan.brujula.http.RequestLocale;
import mx.implan.brujula.model.Page;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Events the projectors gave up on (admins): list, retry, discard. docs/events.md. */
@Path("/api/v1/admin/dead-letters")
@Tag(name = "Administration")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class DeadLetterResource {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    private static final String CURSOR_LIST = "dead-letters";
    private static final Pattern ID = Pattern.compile("\\d{1,18}");
    private static final Pattern CONSUMER = Pattern.compile("[a-z][a-z0-9-]{0,62}");

    @Inject
    DeadLetters letters;
    @Inject
    DeadLetterActions actions;
    @Inject
    HttpHeaders headers;

    @GET
    @Operation(summary = "List dead letters",
            description = "state = open (default), resolved or all; consumer = a projector's name or pipeline; newest first, "
                    + "keyset pages (limit 1–1000, default 100; next is the cursor).")
    public Page<DeadLetter> list(@QueryParam("state") String state, @QueryParam("consumer") String consumer,
                                 @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        Locale locale = locale();
        DeadLetters.State wanted = state(state, locale);
        Optional<String> byConsumer = Optional.ofNullable(consumer).map(String::strip).filter(c -> !c.isEmpty());
        if (byConsumer.isPresent() && !CONSUMER.matcher(byConsumer.get()).matches()) {
            throw QueryParams.invalid("consumer", "CONSUMER_NAME", locale, "Not a consumer name (lower-case letters, digits, hyphens)");
        }
        int max = QueryParams.limit(limit, DEFAULT_LIMIT, MAX_LIMIT, locale);
        Optional<Long> before = QueryParams.decodeCursor(CURSOR_LIST, cursor, locale).map(c -> {
            if (!ID.matcher(c).matches()) {
                throw QueryParams.invalid("cursor", "INVALID_CURSOR", locale, "The cursor is not valid");
            }
            return Long.parseLong(c);
        });
        List<DeadLetter> page = letters.list(wanted, byConsumer, before, max + 1);
        String next = page.size() > max ? QueryParams.encodeCursor(CURSOR_LIST, Long.toString(page.get(max - 1).id())) : null;
        return new Page<>(page.size() > max ? page.subList(0, max) : page, next);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One dead letter")
    @APIResponse(responseCode = "404", description = "DEAD_LETTER_NOT_FOUND", content = @Content(mediaType = "application/problem+json"))
    public DeadLetter get(@PathParam("id") String id) {
        long key = id(id);
        return letters.get(key).orElseThrow(() ->
                mx.implan.brujula.http.ApiProblem.notFound("DEAD_LETTER_NOT_FOUND", "Dead letter {0} does not exist", key));
    }

    @POST
    @Path("/{id}/retry")
    @Operation(summary = "Apply a dead letter again", description = "The projector applies the event once now; on success the letter is "
            + "resolved as RETRIED. 409 DEAD_LETTER_FAILED (it failed again; reason in detail), DEAD_LETTER_RESOLVED, DEAD_LETTER_NOT_RETRYABLE.")
    @APIResponse(responseCode = "404", description = "DEAD_LETTER_NOT_FOUND", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "409", description = "DEAD_LETTER_FAILED, DEAD_LETTER_RESOLVED or DEAD_LETTER_NOT_RETRYABLE",
            content = @Content(mediaType = "application/problem+json"))
    public DeadLetter retry(@PathParam("id") String id) {
        return actions.retry(id(id));
    }

    @POST
    @Path("/{id}/discard")
    @Operation(summary = "Give up on a dead letter", description = "Resolved as DISCARDED; the event counts as processed by that consumer.")
    @APIResponse(responseCode = "404", description = "DEAD_LETTER_NOT_FOUND", content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "409", description = "DEAD_LETTER_RESOLVED", content = @Content(mediaType = "application/problem+json"))
    public DeadLetter discard(@PathParam("id") String id) {
        return actions.discard(id(id));
    }

    private long id(String raw) {
        if (raw == null || !ID.matcher(raw.strip()).matches()) {
            throw QueryParams.invalid("id", "NOT_AN_INTEGER", locale(), "Must be an integer");
        }
        return Long.parseLong(raw.strip());
    }

    private static DeadLetters.State state(String raw, Locale locale) {
        if (raw == null || raw.isBlank()) {
            return DeadLetters.State.OPEN;
        }
        return switch (raw.strip().toLowerCase(Locale.ROOT)) {
            case "open" -> DeadLetters.State.OPEN;
            case "resolved" -> DeadLetters.State.RESOLVED;
            case "all" -> DeadLetters.State.ALL;
            default -> throw QueryParams.invalid("state", "INVALID_ENUM", locale, "Allowed values: open, resolved, all", "open, resolved, all");
        };
    }

    private Locale locale() {
        return RequestLocale.from(headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
    }
}
