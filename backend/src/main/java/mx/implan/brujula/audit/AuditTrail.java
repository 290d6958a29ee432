package mx.implan.brujula.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** Records state changes in the caller's transaction: a change without its audit row cannot commit. */
@ApplicationScoped
public class AuditTrail {

    /** Entity type of entries about an observation itself; their entity id is the observation id. */
    public static final String OBSERVATION = "observation";
    /** Key in {@code after} (or {@code before}) that links an entry about another entity to an observation. */
    public static final String OBSERVATION_ID = "observationId";

    @Inject
    ObjectMapper json;

    /**
     * Appends one entry. It shows in that observation's history when {@code entityType} is
     * {@value #OBSERVATION} (entity id = observation id) or when {@code after}/{@code before} carry
     * an {@value #OBSERVATION_ID} member — so entries about conflicts, photos or contact data appear
     * there without the history knowing every kind of entry.
     */
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
        entry.observationId = OBSERVATION.equals(entityType) ? uuid(entityId) : null;
        if (entry.observationId == null) {
            entry.observationId = linked(entry.after);
        }
        if (entry.observationId == null) {
            entry.observationId = linked(entry.before);
        }
        entry.persist();
    }

    private UUID linked(String document) {
        if (document == null) {
            return null;
        }
        try {
            JsonNode node = json.readTree(document);
            return node.isObject() && node.path(OBSERVATION_ID).isTextual() ? uuid(node.get(OBSERVATION_ID).asText()) : null;
        } catch (JsonProcessingException notAnObject) {
            return null;
        }
    }

    private static UUID uuid(String value) {
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException notAnId) {
            return null;
        }
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
