package mx.implan.brujula.app.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * 426: this app version is older than the oldest the server still serves. Nothing is sent until the app is
 * updated (retrying cannot help), and the journal keeps every unsent item for the updated app.
 */
public final class ClientTooOldException extends ApiException {

    public ClientTooOldException(Problem problem) {
        super(problem);
    }

    /** The oldest version the server accepts, when it said so (e.g. {@code 1.0.0}). */
    public Optional<String> minClientVersion() {
        return member("minClientVersion").filter(JsonNode::isValueNode).map(JsonNode::asText);
    }
}
