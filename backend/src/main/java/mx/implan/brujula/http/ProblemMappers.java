package mx.implan.brujula.http;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;
import java.util.UUID;

/**
 * Maps every exception a request can raise to {@code application/problem+json}. Client mistakes
 * become 4xx with a stable code and the field at fault; anything unexpected becomes a 500 whose
 * body carries only a correlation id (never a stack trace), logged here.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response apiProblem(ApiProblem problem, HttpHeaders headers, UriInfo uri) {
        return respond(problem, headers, uri);
    }

    /**
     * Every way Jackson can refuse a body ends here, through {@link JsonProblems}. The subtypes are
     * listed because quarkus-rest-jackson ships mappers for some of them (plain JSON, not problems)
     * and the most specific mapper wins.
     */
    @ServerExceptionMapper({JsonProcessingException.class, JsonParseException.class, JsonMappingException.class,
            MismatchedInputException.class, StreamReadException.class})
    public Response json(JsonProcessingException e, HttpHeaders headers, UriInfo uri) {
        return respond(JsonProblems.of(e, locale(headers)), headers, uri);
    }

    /** A server bug (a type Jackson cannot build), whatever the input: a 500 with an incident, not Jackson's text. */
    @ServerExceptionMapper
    public Response invalidDefinition(InvalidDefinitionException e, HttpHeaders headers, UriInfo uri) {
        return internal(e, headers, uri);
    }

    /**
     * Reading the body failed because the connection is gone: the client went away, or stopped
     * sending (slow bodies get 408 from {@link SlowClients} first, then the connection is closed).
     * Any other I/O failure is the server's (or a feature's to translate, e.g. Open311's forms).
     */
    @ServerExceptionMapper
    public Response io(IOException e, HttpHeaders headers, UriInfo uri, HttpServerRequest request) {
        if (e instanceof JsonProcessingException json) {
            return json(json, headers, uri);
        }
        if (request != null && (request.response().closed() || connectionClosed(e))) {
            LOG.debugf("Body incomplete: %s", e.toString());
            return respond(new ApiProblem(400, "INCOMPLETE_BODY", "Bad Request", "The body ended after {0} bytes",
                    request.bytesRead()).header("Connection", "close"), headers, uri);
        }
        return internal(e, headers, uri);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, HttpHeaders headers, UriInfo uri) {
        return respond(unauthenticated(), headers, uri);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, HttpHeaders headers, UriInfo uri) {
        return respond(unauthenticated(), headers, uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpHeaders headers, UriInfo uri) {
        return respond(ApiProblem.forbidden("FORBIDDEN", "Your role may not do this"), headers, uri);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, HttpHeaders headers, UriInfo uri) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        ApiProblem problem;
        if (e instanceof NotFoundException) {
            problem = ApiProblem.notFound("NOT_FOUND", "No such resource");
        } else if (e instanceof NotAllowedException) {
            problem = new ApiProblem(405, "METHOD_NOT_ALLOWED", "Method Not Allowed", "This method is not allowed here");
        } else if (e instanceof NotSupportedException) {
            problem = new ApiProblem(415, "UNSUPPORTED_MEDIA_TYPE", "Unsupported Media Type", "This content type is not accepted here");
        } else if (e instanceof NotAcceptableException) {
            problem = new ApiProblem(406, "NOT_ACCEPTABLE", "Not Acceptable", "No representation matches the Accept header");
        } else if (e.getCause() instanceof JsonProcessingException json) {
            return json(json, headers, uri);
        } else if (status >= 400 && status < 500) {
            problem = new ApiProblem(status, "BAD_REQUEST", "Bad Request", "The request could not be understood");
        } else {
            return internal(e, headers, uri);
        }
        return respond(problem, headers, uri);
    }

    @ServerExceptionMapper
    public Response internal(Throwable e, HttpHeaders headers, UriInfo uri) {
        if (DatabaseOutage.is(e)) {
            LOG.warnf("Database unavailable: %s", e.toString());
            return respond(DatabaseOutage.problem(), headers, uri);
        }
        if (isDataException(e)) {
            // SQLSTATE class 22: a value from the request that PostgreSQL cannot store or compare
            // (e.g. a NUL character, a number out of range). The transaction was rolled back.
            LOG.debugf(e, "Data exception from request input");
            return respond(new ApiProblem(400, "INVALID_VALUE", "Bad Request",
                    "A value in the request cannot be stored (for example it contains a NUL character)"), headers, uri);
        }
        if (FormBodyFailure.whileReadingForm(e)) {
            // A form or multipart body the REST layer could not parse: any client can send one, so it is
            // neither logged as an error nor answered as ours.
            LOG.debugf(e, "Unreadable form body");
            return respond(new ApiProblem(400, "MALFORMED_FORM", "Bad Request", "The form body could not be read"),
                    headers, uri);
        }
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "Unhandled error, incident %s", incident);
        ApiProblem problem = new ApiProblem(500, "INTERNAL_ERROR", "Internal Server Error",
                "Unexpected error; quote incident {0} to support", incident).with("incident", incident);
        return respond(problem, headers, uri);
    }

    private static boolean connectionClosed(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HttpClosedException || t instanceof ClosedChannelException) {
                return true;
            }
        }
        return false;
    }

    private static boolean isDataException(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("22")) {
                return true;
            }
        }
        return false;
    }

    private static ApiProblem unauthenticated() {
        return new ApiProblem(401, "UNAUTHENTICATED", "Unauthorized", "A valid access token is required")
                .header("WWW-Authenticate", "Bearer");
    }

    private static Response respond(ApiProblem problem, HttpHeaders headers, UriInfo uri) {
        return ProblemResponses.toResponse(problem, locale(headers), uri == null ? null : uri.getPath());
    }

    private static Locale locale(HttpHeaders headers) {
        return RequestLocale.from(headers == null ? null : headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
    }
}
