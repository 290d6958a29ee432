package mx.implan.brujula.app.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import mx.implan.brujula.model.sync.Change;
import mx.implan.brujula.model.sync.ChangeType;

/** Small helpers shared by the integration tests. */
final class ITSupport {

    private ITSupport() {
    }

    /**
     * Pulls everything from no cursor until {@code done} holds for the observations seen (id → latest change).
     * Repeated because the server delivers a change only once every older transaction has finished, which can
     * lag a commit by a moment (the outbox relay, another test's push).
     */
    static Map<String, Change> pullObservationsUntil(SyncClient client, Predicate<Map<String, Change>> done) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        Map<String, Change> seen = new LinkedHashMap<>();
        while (true) {
            seen.clear();
            client.pullAll(null, 50, c -> {
                if (c.type() == ChangeType.OBSERVATION) {
                    seen.put(c.id(), c);
                }
            });
            if (done.test(seen) || Instant.now().isAfter(deadline)) {
                return seen;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return seen;
            }
        }
    }
}
