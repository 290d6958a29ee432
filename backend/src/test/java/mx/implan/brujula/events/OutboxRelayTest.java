package mx.implan.brujula.events;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import mx.implan.brujula.testing.Db;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The relay's claims, with the background relay off so the test holds the transactions: instances
 * relaying side by side never take the same row, and an aggregate's later event waits while an
 * earlier one is held elsewhere, so its events leave in order.
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

    /** A claim held in an open transaction: {@code claimed} once it has its rows, {@code ended} once it let go. */
    private record Holder(CompletableFuture<List<Long>> claimed, CompletableFuture<Void> ended) {
    }

    /** Claims in a transaction held open until {@code release}, then ends it without publishing. */
    private Holder claimAndHold(int limit, CountDownLatch release) {
        Holder holder = new Holder(new CompletableFuture<>(), new CompletableFuture<>());
        Thread t = new Thread(() -> {
            QuarkusTransaction.requiringNew().run(() -> {
                holder.claimed().complete(rows.claim(limit).stream().map(OutboxRow::id).toList());
                try {
                    release.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            holder.ended().complete(null);
        });
        t.start();
        return holder;
    }

    @Test
    void twoInstancesClaimDisjointRowsAndTogetherAll() throws Exception {
        Set<Long> appended = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            appended.add(append(UUID.randomUUID().toString()));
        }
        CountDownLatch release = new CountDownLatch(1);
        try {
            List<Long> first = claimAndHold(6, release).claimed().get(20, TimeUnit.SECONDS);
            List<Long> second = claimAndHold(6, release).claimed().get(20, TimeUnit.SECONDS);

            assertThat(first).hasSize(6).doesNotContainAnyElementsOf(second);
            assertThat(second).hasSize(4);
            Set<Long> both = new HashSet<>(first);
            both.addAll(second);
            assertThat(both).isEqualTo(appended);
        } finally {
            release.countDown();
        }
    }

    @Test
    void anAggregatesLaterEventWaitsWhileAnEarlierOneIsHeldElsewhere() throws Exception {
        String aggregate = UUID.randomUUID().toString();
        long earlier = append(aggregate);
        long later = append(aggregate);
        long other = append(UUID.randomUUID().toString());
        CountDownLatch release = new CountDownLatch(1);
        Holder first = claimAndHold(1, release);
        Holder second;
        try {
            assertThat(first.claimed().get(20, TimeUnit.SECONDS)).containsExactly(earlier);
            second = claimAndHold(10, release);
            assertThat(second.claimed().get(20, TimeUnit.SECONDS)).containsExactly(other);
        } finally {
            release.countDown();
        }
        // Once both let go without publishing, one claim takes the aggregate's events, in order.
        first.ended().get(20, TimeUnit.SECONDS);
        second.ended().get(20, TimeUnit.SECONDS);
        List<Long> next = QuarkusTransaction.requiringNew().call(() -> rows.claim(10).stream().map(OutboxRow::id).toList());
        assertThat(next).containsSubsequence(earlier, later);
    }

    @Test
    void aRelayedBatchIsMarkedPublishedAndNotRelayedAgain() {
        long id = append(UUID.randomUUID().toString());
        assertThat(relay.relayOnce()).isGreaterThanOrEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM outbox WHERE id = ? AND published_at IS NOT NULL", id)).isEqualTo(1);
        assertThat(relay.relayOnce()).isZero();
    }
}
