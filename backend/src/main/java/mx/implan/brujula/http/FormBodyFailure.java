package mx.implan.brujula.http;

import org.jboss.resteasy.reactive.server.handlers.FormBodyHandler;

/**
 * Failures of the REST layer's form reader ({@link FormBodyHandler}), which reads a form or multipart
 * body before any route method runs and raises plain exceptions for a body it cannot parse: the
 * client's body, not a fault of ours.
 */
public final class FormBodyFailure {

    private FormBodyFailure() {
    }

    /** Whether {@code thrown} came from reading the request body as a form (its stack passes through the form reader). */
    public static boolean whileReadingForm(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (StackTraceElement frame : t.getStackTrace()) {
                if (frame.getClassName().equals(FormBodyHandler.class.getName())) {
                    return true;
                }
            }
        }
        return false;
    }
}
