package mx.implan.brujula.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Records state changes in the caller's transaction: a change without its audit row cannot commit. */
@ApplicationScoped
public class AuditTrail {

    @Inject
    ObjectMapper json;

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String actor, String action, String entityType, String entityId, Object before, Object after) {
        AuditEntryEntity entry = new AuditEntryEntity();
        entry.at = OffsetDateTime.now(ZoneOffset.UTC);
        entry.actor = actor;
        entry.action = action;
        entry.entityType = entityType;
        entry.entityId = entityId;
        entry.before = toJson(before);
        entry.after = toJson(after);
        entry.persist();
    }

    private String toJson(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return value instanceof String s && looksLikeJson(s) ? s : json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Audit value is not serialisable", e);
        }
    }

    private static boolean looksLikeJson(String s) {
        String t = s.strip();
        return t.startsWith("{") || t.startsWith("[");
    }
}
