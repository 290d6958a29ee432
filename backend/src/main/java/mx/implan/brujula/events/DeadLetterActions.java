package mx.implan.brujula.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import mx.implan.brujula.http.ApiProblem;

/**
 * What an admin does with a dead letter: retry it (the projector applies it now, once) or discard it
 * (the event is marked processed for that consumer, so a redelivery does not bring it back).
 */
@ApplicationScoped
public class DeadLetterActions {

    @Inject
    DeadLetters letters;
    @Inject
    EventDispatcher dispatcher;
    @Inject
    ObjectMapper json;

    public DeadLetter retry(long id) {
        DeadLetter letter = open(id);
        if (letter.eventId() == null || EventConsumer.PIPELINE.equals(letter.consumer())) {
            throw ApiProblem.conflict("DEAD_LETTER_NOT_RETRYABLE", "Dead letter {0} is not a readable event; discard it", id);
        }
        EventProjector projector = dispatcher.projector(letter.consumer()).orElseThrow(() ->
                ApiProblem.conflict("DEAD_LETTER_NOT_RETRYABLE", "Dead letter {0} is not a readable event; discard it", id));
        DomainEvent event = toEvent(letter);
        try {
            dispatcher.applyOnce(projector, event);
        } catch (RuntimeException e) {
            String reason = EventDispatcher.describe(e);
            letters.addAttempt(id, reason);
            throw ApiProblem.conflict("DEAD_LETTER_FAILED", "Dead letter {0} failed again: {1}", id, reason);
        }
        QuarkusTransaction.requiringNew().run(() -> letters.resolve(id, "RETRIED"));
        return letters.get(id).orElseThrow();
    }

    public DeadLetter discard(long id) {
        DeadLetter letter = open(id);
        if (letter.eventId() != null && !EventConsumer.PIPELINE.equals(letter.consumer())) {
            dispatcher.skip(letter.consumer(), letter.eventId());
        }
        QuarkusTransaction.requiringNew().run(() -> letters.resolve(id, "DISCARDED"));
        return letters.get(id).orElseThrow();
    }

    private DeadLetter open(long id) {
        DeadLetter letter = letters.get(id).orElseThrow(() -> ApiProblem.notFound("DEAD_LETTER_NOT_FOUND", "Dead letter {0} does not exist", id));
        if (letter.resolvedAt() != null) {
            throw ApiProblem.conflict("DEAD_LETTER_RESOLVED", "Dead letter {0} was already resolved ({1})", id, letter.resolution());
        }
        return letter;
    }

    private DomainEvent toEvent(DeadLetter letter) {
        try {
            return new DomainEvent(letter.eventId(), letter.eventType(), letter.aggregateType(), letter.aggregateId(),
                    letter.occurredAt(), json.readTree(letter.payload()));
        } catch (JsonProcessingException e) {
            throw ApiProblem.conflict("DEAD_LETTER_NOT_RETRYABLE", "Dead letter {0} is not a readable event; discard it", letter.id());
        }
    }
}
