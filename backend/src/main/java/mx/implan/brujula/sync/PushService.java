package mx.implan.brujula.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import mx.implan.brujula.model.json.WireJson;
import mx.implan.brujula.model.observation.Observation;
import mx.implan.brujula.model.sync.FieldError;
import mx.implan.brujula.model.sync.PushResult;
import mx.implan.brujula.model.validation.ObservationValidator;
import mx.implan.brujula.model.validation.Violation;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Applies the items of a push one by one, in request order, each in its own transaction: one bad
 * item never rolls back the others. Also the entry point for importers, so imported records take
 * exactly the path device writes take.
 */
@ApplicationScoped
public class PushService {

    private static final Logger LOG = Logger.getLogger(PushService.class);
    private static final ObjectMapper JSON = WireJson.strict();
    /** A racing writer can win a unique key between our read and our insert; the retry sees its row. */
    private static final int ATTEMPTS = 3;

    @Inject
    ObservationWrite write;
    @Inject
    MeterRegistry metrics;

    public List<PushResult> push(PushContext ctx, List<JsonNode> items) {
        List<PushResult> results = new ArrayList<>(items.size());
        for (JsonNode item : items) {
            results.add(pushItem(ctx, item));
        }
        return results;
    }

    public PushResult pushItem(PushContext ctx, JsonNode item) {
        PushResult result = applyValidated(ctx, item);
        metrics.counter("brujula.sync.push.results", "status", result.status().name()).increment();
        return result;
    }

    private PushResult applyValidated(PushContext ctx, JsonNode item) {
        List<Violation> violations = ObservationValidator.validate(item);
        if (!violations.isEmpty()) {
            List<FieldError> errors = violations.stream()
                    .map(v -> new FieldError(v.field(), v.code(), v.message(ctx.locale()))).toList();
            return PushResult.rejected(uuid(item, "id"), uuid(item, "opId"), errors);
        }
        Observation mine;
        try {
            mine = JSON.treeToValue(item, Observation.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            // The validator accepts only what maps; this guards against the two drifting apart.
            return PushResult.rejected(uuid(item, "id"), uuid(item, "opId"),
                    List.of(new FieldError("$", "INVALID_TYPE", e.getMessage())));
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return write.apply(ctx, mine);
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !isConstraintRace(e)) {
                    throw e;
                }
                LOG.debugf("Retrying item %s after a concurrent write: %s", mine.id(), e.getMessage());
            }
        }
    }

    private static boolean isConstraintRace(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.hibernate.exception.ConstraintViolationException) {
                return true;
            }
            if (t instanceof java.sql.SQLException sql && ("23505".equals(sql.getSQLState()) || "40001".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    private static UUID uuid(JsonNode item, String field) {
        JsonNode value = item == null ? null : item.get(field);
        if (value == null || !value.isTextual()) {
            return null;
        }
        try {
            return UUID.fromString(value.asText());
        } catch (IllegalArgumentException notAUuid) {
            return null;
        }
    }
}
