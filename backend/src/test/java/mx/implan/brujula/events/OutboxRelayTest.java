package mx.implan.brujula.events;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import mx.implan.brujula.testing.Db;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The relay's leases, with the background relay off so the test decides who holds what: instances
 * relaying side by side never take the same row, an aggregate's later event waits while an earlier
 * one is leased elsewhere, so its events leave in order, and a dead relay's rows come back.
 */
@QuarkusTest
@TestProfile(OutboxRelayTest.RelayOff.class)
class OutboxRelayTest {

    public static class RelayOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("brujula.events.relay.enabled", "false");
        }
    }

    @Inject
    Db db;
    @Inject
    OutboxRows rows;
    @Inject
    OutboxRelay relay;

    @BeforeEach
    void drain() {
        while (relay.relayOnce() > 0) {
            // Publish what earlier tests left, so each test sees only its own rows.
        }
    }

    private long append(String aggregateId) {
        return db.count("INSERT INTO outbox (aggregate_type, aggregate_id, event_type, payload) "
                + "VALUES ('test', ?, 'test.pinged', '{\"n\": 1}'::jsonb) RETURNING id", aggregateId);
    }

    private List<Long> lease(int limit, String owner, long millis) {
        return QuarkusTransaction.requiringNew().call(() -> rows.lease(limit, owner, millis).stream().map(OutboxRow::id).toList());
    }

    private void release(List<Long> ids, String owner) {
        List<OutboxRow> leased = ids.stream().map(id -> new OutboxRow(id, "test", "", "", "{}", null)).toList();
        QuarkusTransaction.requiringNew().run(() -> rows.release(leased, owner));
    }

    @Test
    void twoInstancesLeaseDisjointRowsAndTogetherAll() {
        Set<Long> appended = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            appended.add(append(UUID.randomUUID().toString()));
        }
        List<Long> first = lease(6, "relay-a", 60_000);
        List<Long> second = lease(6, "relay-b", 60_000);

        assertThat(first).hasSize(6).doesNotContainAnyElementsOf(second).isSorted();
        assertThat(second).hasSize(4);
        Set<Long> both = new HashSet<>(first);
        both.addAll(second);
        assertThat(both).isEqualTo(appended);
        assertThat(lease(10, "relay-c", 60_000)).as("everything is leased").isEmpty();
        release(first, "relay-a");
        release(second, "relay-b");
    }

    @Test
    void anAggregatesLaterEventWaitsWhileAnEarlierOneIsLeasedElsewhere() {
        String aggregate = UUID.randomUUID().toString();
        long earlier = append(aggregate);
        long later = append(aggregate);
        long other = append(UUID.randomUUID().toString());

        assertThat(lease(1, "relay-a", 60_000)).containsExactly(earlier);
        assertThat(lease(10, "relay-b", 60_000)).containsExactly(other);
        // Once the first relay gives its row back unpublished, one lease takes the aggregate's events, in order.
        release(List.of(earlier), "relay-a");
        assertThat(lease(10, "relay-b", 60_000)).containsExactly(earlier, later);
        release(List.of(earlier, later, other), "relay-b");
    }

    @Test
    void theRowsOfARelayThatDiedGoToAnotherOnceItsLeaseRunsOut() {
        long id = append(UUID.randomUUID().toString());
        assertThat(lease(10, "relay-dead", 1)).containsExactly(id);
        // The database's clock decides when a lease has run out, so wait on it rather than on ours.
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5)).until(() ->
                db.count("SELECT count(*) FROM outbox WHERE id = ? AND lease_owner = 'relay-dead' AND lease_until < now()", id) == 1);
        assertThat(lease(10, "relay-alive", 60_000)).containsExactly(id);
        // The dead relay's late acknowledgement does not mark what is now another relay's.
        QuarkusTransaction.requiringNew().run(() -> rows.markPublished(
                List.of(new OutboxRow(id, "test", "", "", "{}", null)), "relay-dead"));
        assertThat(db.count("SELECT count(*) FROM outbox WHERE id = ? AND published_at IS NULL AND lease_owner = 'relay-alive'", id))
                .isEqualTo(1);
        release(List.of(id), "relay-alive");
    }

    @Test
    void aRelayedBatchIsMarkedPublishedAndNotRelayedAgain() {
        long id = append(UUID.randomUUID().toString());
        assertThat(relay.relayOnce()).isGreaterThanOrEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM outbox WHERE id = ? AND published_at IS NOT NULL", id)).isEqualTo(1);
        assertThat(relay.relayOnce()).isZero();
    }
}
