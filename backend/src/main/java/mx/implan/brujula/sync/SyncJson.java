package mx.implan.brujula.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import mx.implan.brujula.model.json.WireJson;
import mx.implan.brujula.model.sync.PushResult;

/** Stored per-item results are kept in wire form so a replay returns exactly what the device first saw. */
final class SyncJson {

    private static final ObjectMapper JSON = WireJson.strict();

    private SyncJson() {
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static PushResult readResult(String json) {
        try {
            return JSON.readValue(json, PushResult.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored push result is unreadable", e);
        }
    }
}
