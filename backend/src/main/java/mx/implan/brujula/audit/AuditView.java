package mx.implan.brujula.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.OffsetDateTime;

/** One audit entry as the API shows it: who, when, what, the state before and after. */
public record AuditView(OffsetDateTime at, String actor, String action, String entityType, JsonNode before, JsonNode after) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static AuditView of(AuditEntryEntity entry) {
        return new AuditView(entry.at, entry.actor, entry.action, entry.entityType, parse(entry.before), parse(entry.after));
    }

    private static JsonNode parse(String raw) {
        if (raw == null) {
            return null;
        }
        try {
            return JSON.readTree(raw);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
