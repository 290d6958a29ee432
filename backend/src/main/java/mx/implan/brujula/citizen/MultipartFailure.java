package mx.implan.brujula.citizen;

import mx.implan.brujula.http.FormBodyFailure;
import org.jboss.resteasy.reactive.server.handlers.FormBodyHandler;

import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.nio.charset.UnsupportedCharsetException;

/**
 * Failures of the REST layer's form reader ({@link FormBodyHandler}), which reads a multipart body
 * before any route method runs and raises plain exceptions for a body it cannot parse.
 */
final class MultipartFailure {

    private MultipartFailure() {
    }

    /** Whether {@code thrown} came from reading the request body as a form. */
    static boolean whileReadingForm(Throwable thrown) {
        return FormBodyFailure.whileReadingForm(thrown);
    }

    /** The open311 bundle key of why the body could not be read. */
    static String reason(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof UnsupportedEncodingException || t instanceof UnsupportedCharsetException) {
                return "error.multipart.charset";
            }
        }
        return thrown instanceof IOException ? "error.multipart.incomplete" : "error.multipart.other";
    }
}
