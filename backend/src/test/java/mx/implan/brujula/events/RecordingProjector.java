package mx.implan.brujula.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A projector for the pipeline's tests: records the observation events whose notes start with
 * {@link #MARK} in {@code test_recorded_event} (created by the tests), in the dispatcher's
 * transaction, and throws for the notes listed in {@link #refuse}. Other tests' events are not
 * accepted, so it changes nothing for them.
 */
@ApplicationScoped
public class RecordingProjector implements EventProjector {

    public static final String NAME = "test-recorder";
    public static final String MARK = "pipeline-test:";
    public static final String TABLE = """
            CREATE TABLE IF NOT EXISTS test_recorded_event (
                event_id bigint NOT NULL, event_type text NOT NULL, aggregate_id text NOT NULL, rev bigint,
                notes text, occurred_at timestamptz, recorded_at timestamptz NOT NULL DEFAULT clock_timestamp())""";

    private final Set<String> refused = ConcurrentHashMap.newKeySet();
    private final Set<String> slow = ConcurrentHashMap.newKeySet();

    @Inject
    EntityManager em;

    /** Events with these notes throw (through a method: tests hold a client proxy, not the bean). */
    public void refuse(String notes) {
        refused.add(notes);
    }

    public void allow(String notes) {
        refused.remove(notes);
    }

    /**
     * Events with these notes take 3 s to be accepted: a slow consumer, before any transaction of
     * its own is open, so that what a test sees meanwhile is the relay's doing.
     */
    public void slowDown(String notes) {
        slow.add(notes);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean accepts(DomainEvent event) {
        if (slow.remove(event.data().path("notes").asText(""))) {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return "observation".equals(event.aggregateType()) && event.data().path("notes").asText("").startsWith(MARK);
    }

    @Override
    public void apply(DomainEvent event) {
        String notes = event.data().path("notes").asText();
        em.createNativeQuery("INSERT INTO test_recorded_event (event_id, event_type, aggregate_id, rev, notes, occurred_at) "
                        + "VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
                .setParameter(1, event.id()).setParameter(2, event.type()).setParameter(3, event.aggregateId())
                .setParameter(4, event.data().path("rev").asLong()).setParameter(5, notes).setParameter(6, event.occurredAt())
                .executeUpdate();
        // After the insert: a refusal must roll the recorded row back with it.
        if (refused.contains(notes)) {
            throw new IllegalStateException("refused by the test: " + notes);
        }
    }
}
