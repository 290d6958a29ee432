package mx.implan.brujula.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import mx.implan.brujula.attachments.AttachmentRows;
import mx.implan.brujula.http.DatabaseOutage;
import mx.implan.brujula.http.JsonPaths;
import mx.implan.brujula.model.hash.ContentHash;
import mx.implan.brujula.model.json.WireJson;
import mx.implan.brujula.model.observation.Observation;
import mx.implan.brujula.model.observation.PhotoRef;
import mx.implan.brujula.model.sync.FieldError;
import mx.implan.brujula.model.sync.PushResult;
import mx.implan.brujula.model.sync.PushStatus;
import mx.implan.brujula.model.validation.Messages;
import mx.implan.brujula.model.validation.ObservationValidator;
import mx.implan.brujula.model.validation.Violation;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

/**
 * Applies the items of a push in request order with per-item semantics: one bad item never affects
 * the others, and each gets its own result whatever happens (an unexpected fault makes that item
 * FAILED, with an incident id, and nothing of it stored). New observations and replays go through
 * {@link BatchCreate} together; everything else (edits, an id twice in one batch) and any batch that
 * fails is applied item by item, each in its own transaction. Also the entry point for importers, so
 * imported records take exactly the path device writes take.
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
    BatchCreate batchCreate;
    @Inject
    MeterRegistry metrics;
    @Inject
    AttachmentRows attachments;
    @Inject
    CitedPhotos citedPhotos;

    private final Map<PushStatus, io.micrometer.core.instrument.Counter> counters = new java.util.concurrent.ConcurrentHashMap<>();

    public List<PushResult> push(PushContext ctx, List<JsonNode> items) {
        return push(ctx, items, WriteBudget.UNLIMITED);
    }

    /**
     * One result per item, in request order, whatever happens to any of them. Items past {@code budget} are
     * FAILED with RATE_LIMITED (nothing stored; the device sends them again later); a citizen's item citing another
     * user's photo is REJECTED without spending the budget ({@link CitedPhotos}). Only a database that cannot be
     * reached at all fails the whole push.
     */
    public List<PushResult> push(PushContext ctx, List<JsonNode> items, WriteBudget budget) {
        PushResult[] results = new PushResult[items.size()];
        List<BatchCreate.Prepared> valid = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            Object outcome = prepare(ctx, items.get(i), i);
            if (outcome instanceof PushResult rejected) {
                results[i] = rejected;
            } else {
                valid.add((BatchCreate.Prepared) outcome);
            }
        }
        // Before the budget: an item refused for the photos it cites does not spend a citizen's write.
        citedPhotos.refusals(ctx, valid).forEach((index, refused) -> results[index] = refused);
        List<BatchCreate.Prepared> prepared = new ArrayList<>(valid.size());
        Map<UUID, Integer> idCount = new HashMap<>();
        OptionalLong wait = OptionalLong.empty();
        for (BatchCreate.Prepared p : valid) {
            int i = p.index();
            if (results[i] != null) {
                continue;
            }
            if (wait.isEmpty()) {
                wait = budget.take();
            }
            if (wait.isPresent()) {
                results[i] = PushResult.failed(p.mine().id(), p.mine().opId(), List.of(new FieldError("",
                        "RATE_LIMITED", SyncMessages.text("RATE_LIMITED", ctx.locale(), wait.getAsLong()))));
                continue;
            }
            prepared.add(p);
            idCount.merge(p.mine().id(), 1, Integer::sum);
            idCount.merge(p.mine().opId(), 1, Integer::sum);
        }
        // Only items whose id and opId occur once can be written out of order with the others.
        List<BatchCreate.Prepared> candidates = prepared.stream()
                .filter(p -> idCount.get(p.mine().id()) == 1 && idCount.get(p.mine().opId()) == 1).toList();
        if (candidates.size() > 1) {
            try {
                batchCreate.createNew(ctx, candidates).forEach((index, result) -> results[index] = result);
            } catch (RuntimeException e) {
                if (isDatabaseUnreachable(e)) {
                    throw e;
                }
                // Whatever went wrong, nothing of the batch was stored: each item gets its own transaction.
                LOG.debugf(e, "Batch create fell back to per-item writes");
            }
        }
        for (BatchCreate.Prepared p : prepared) {
            if (results[p.index()] == null) {
                results[p.index()] = applyWithRetry(ctx, p);
            }
        }
        listMissingPhotos(ctx, prepared, results);
        for (PushResult r : results) {
            count(r);
        }
        return Arrays.asList(results);
    }

    public PushResult pushItem(PushContext ctx, JsonNode item) {
        Object outcome = prepare(ctx, item, 0);
        if (outcome instanceof PushResult rejected) {
            count(rejected);
            return rejected;
        }
        BatchCreate.Prepared p = (BatchCreate.Prepared) outcome;
        PushResult refused = citedPhotos.refusals(ctx, List.of(p)).get(p.index());
        if (refused != null) {
            count(refused);
            return refused;
        }
        PushResult[] results = {applyWithRetry(ctx, p)};
        listMissingPhotos(ctx, List.of(p), results);
        count(results[0]);
        return results[0];
    }

    /**
     * Tells the device, per item, which photos it references the server has not received from this
     * caller yet (not stored, or stored from someone else's upload: sending the bytes once is what
     * opens a photo to its own observations), so it uploads exactly those: one query for the whole
     * batch, none when no item references a photo.
     */
    private void listMissingPhotos(PushContext ctx, List<BatchCreate.Prepared> prepared, PushResult[] results) {
        Set<String> referenced = new LinkedHashSet<>();
        for (BatchCreate.Prepared p : prepared) {
            p.mine().photosOrEmpty().forEach(photo -> referenced.add(photo.sha256()));
        }
        if (referenced.isEmpty()) {
            return;
        }
        Set<String> missing = attachments.missingFrom(ctx.actor().name(), referenced);
        for (BatchCreate.Prepared p : prepared) {
            PushResult r = results[p.index()];
            if (r == null || r.status() == PushStatus.REJECTED || r.status() == PushStatus.FAILED) {
                continue;
            }
            List<String> mine = p.mine().photosOrEmpty().stream().map(PhotoRef::sha256)
                    .filter(missing::contains).distinct().toList();
            results[p.index()] = new PushResult(r.id(), r.opId(), r.status(), r.rev(), mine, r.flags(), r.errors(), r.server());
        }
    }

    private void count(PushResult result) {
        counters.computeIfAbsent(result.status(),
                s -> metrics.counter("brujula.sync.push.results", "status", s.name())).increment();
    }

    /** A REJECTED (or, on a fault, FAILED) result, or the item validated and mapped. */
    private Object prepare(PushContext ctx, JsonNode item, int index) {
        try {
            return validateAndBind(ctx, item, index);
        } catch (RuntimeException e) {
            return failed(ctx, item, e);
        }
    }

    private Object validateAndBind(PushContext ctx, JsonNode item, int index) {
        List<Violation> violations = ObservationValidator.validate(item);
        if (!violations.isEmpty()) {
            List<FieldError> errors = violations.stream()
                    .map(v -> new FieldError(v.field(), v.code(), v.message(ctx.locale()))).toList();
            return PushResult.rejected(uuid(item, "id"), uuid(item, "opId"), errors);
        }
        try {
            // Server-stamped members are ignored whatever their type: they never reach the binding.
            Observation mine = JSON.treeToValue(ObservationValidator.withoutServerFields(item), Observation.class);
            return new BatchCreate.Prepared(index, mine, ContentHash.of(mine));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            // The validator accepts only what maps; should the two drift apart, the item is refused at the field
            // the binding names, in the caller's language — never with the binding's own words.
            LOG.warnf("An item the validator accepted did not bind at %s: %s", fieldOf(e), e.getMessage());
            return PushResult.rejected(uuid(item, "id"), uuid(item, "opId"), List.of(new FieldError(fieldOf(e),
                    "INVALID_TYPE", Messages.text("INVALID_TYPE.field", ctx.locale()))));
        }
    }

    /**
     * The item's own result whatever happens while writing it: a value PostgreSQL refuses is REJECTED, any other
     * fault FAILED with an incident id (logged here) and nothing stored, so the others go on and a retry can
     * complete. Only a database that cannot be reached propagates: every item would fail the same way.
     */
    private PushResult applyWithRetry(PushContext ctx, BatchCreate.Prepared p) {
        Observation mine = p.mine();
        for (int attempt = 1; ; attempt++) {
            try {
                return write.apply(ctx, mine, p.contentHash());
            } catch (RuntimeException e) {
                if (isDatabaseUnreachable(e)) {
                    throw e;
                }
                if (isDataException(e)) {
                    // A value the validator let through but PostgreSQL cannot store: this item alone is rejected;
                    // its transaction was rolled back.
                    LOG.warnf("Item %s refused by the database: %s", mine.id(), e.getMessage());
                    return PushResult.rejected(mine.id(), mine.opId(), List.of(new FieldError("", "INVALID_VALUE",
                            SyncMessages.text("INVALID_VALUE", ctx.locale()))));
                }
                if (attempt >= ATTEMPTS || !isConstraintRace(e)) {
                    return failed(ctx, mine, e);
                }
                LOG.debugf("Retrying item %s after a concurrent write: %s", mine.id(), e.getMessage());
            }
        }
    }

    private static PushResult failed(PushContext ctx, Observation mine, RuntimeException e) {
        return failed(ctx, mine.id(), mine.opId(), e);
    }

    private static PushResult failed(PushContext ctx, JsonNode item, RuntimeException e) {
        return failed(ctx, uuid(item, "id"), uuid(item, "opId"), e);
    }

    private static PushResult failed(PushContext ctx, UUID id, UUID opId, RuntimeException e) {
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "Item %s (opId %s) could not be applied, incident %s", id, opId, incident);
        return PushResult.failed(id, opId, List.of(new FieldError("", "ITEM_FAILED",
                SyncMessages.text("ITEM_FAILED", ctx.locale(), incident), incident)));
    }

    /** The JSON path a binding failure names ({@code attributes.severity}, {@code photos[0].bytes}), or the item (""). */
    private static String fieldOf(Exception e) {
        String path = e instanceof JsonMappingException mapping ? JsonPaths.of(mapping) : "$";
        return "$".equals(path) ? "" : path;
    }

    /**
     * The database cannot be reached (SQLState class 08, a connection that could not be acquired): not this
     * item's fault, so the whole request fails instead of answering FAILED for every item.
     */
    private static boolean isDatabaseUnreachable(Throwable e) {
        return DatabaseOutage.is(e);
    }

    private static boolean isDataException(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("22")) {
                return true;
            }
        }
        return false;
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
