package mx.implan.brujula.app.sync;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import mx.implan.brujula.app.api.SyncClient;
import mx.implan.brujula.model.sync.Change;
import mx.implan.brujula.model.sync.ChangeType;
import org.awaitility.core.ConditionTimeoutException;

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
        try {
            return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                    .until(() -> observations(client), done);
        } catch (ConditionTimeoutException late) {
            return observations(client); // the caller's assertions say what is missing
        }
    }

    /** Everything pulled from no cursor: id → latest change of each observation. */
    private static Map<String, Change> observations(SyncClient client) {
        Map<String, Change> seen = new LinkedHashMap<>();
        client.pullAll(null, 50, c -> {
            if (c.type() == ChangeType.OBSERVATION) {
                seen.put(c.id(), c);
            }
        });
        return seen;
    }
}
