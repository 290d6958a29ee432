package mx.implan.brujula.events;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The hand-over between the channels and the projectors: batches of what arrived, back-pressure, retries in order. */
class EventIntakeTest {

    private final List<List<String>> handed = Collections.synchronizedList(new ArrayList<>());
    private EventIntake intake;

    @AfterEach
    void stop() {
        if (intake != null) {
            intake.stop();
        }
    }

    private static List<String> payloads(List<Message<String>> batch) {
        return batch.stream().map(Message::getPayload).toList();
    }

    @Test
    void aQuietStreamIsHandedOverOneMessageAtATime() {
        intake = new EventIntake(10, Duration.ofSeconds(10), 100, Duration.ofSeconds(1), b -> handed.add(payloads(b)));
        for (int i = 0; i < 3; i++) {
            intake.offer(Message.of("e" + i));
            int expected = i + 1;
            await().atMost(Duration.ofSeconds(5)).until(() -> handed.size() == expected);
        }
        assertThat(handed).containsExactly(List.of("e0"), List.of("e1"), List.of("e2"));
    }

    @Test
    void whatArrivesWhileTheWorkerIsBusyIsHandedOverAsBatchesInOrderNoneLargerThanTheLimit() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        intake = new EventIntake(4, Duration.ofSeconds(10), 100, Duration.ofSeconds(1), b -> {
            handed.add(payloads(b));
            await().atMost(Duration.ofSeconds(5)).until(() -> release.getCount() == 0);
        });
        intake.offer(Message.of("first"));
        await().atMost(Duration.ofSeconds(5)).until(() -> handed.size() == 1);
        for (int i = 0; i < 10; i++) {
            intake.offer(Message.of("m" + i));
        }
        release.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> handed.stream().mapToInt(List::size).sum() == 11);

        assertThat(handed).containsExactly(List.of("first"), List.of("m0", "m1", "m2", "m3"), List.of("m4", "m5", "m6", "m7"),
                List.of("m8", "m9"));
    }

    @Test
    void aFullQueueAsksTheChannelToWaitUntilTheWorkerMadeRoom() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        intake = new EventIntake(2, Duration.ofSeconds(10), 3, Duration.ofSeconds(1), b -> {
            handed.add(payloads(b));
            await().atMost(Duration.ofSeconds(5)).until(() -> release.getCount() == 0);
        });
        intake.offer(Message.of("busy"));
        await().atMost(Duration.ofSeconds(5)).until(() -> handed.size() == 1);
        List<CompletionStage<Void>> stages = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            stages.add(intake.offer(Message.of("q" + i)));
        }
        assertThat(stages.get(0).toCompletableFuture()).isDone();
        assertThat(stages.get(1).toCompletableFuture()).isDone();
        assertThat(stages.get(2).toCompletableFuture()).as("the queue is full").isNotDone();
        assertThat(stages.get(3).toCompletableFuture()).isNotDone();

        release.countDown();
        stages.get(3).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(stages.get(2).toCompletableFuture()).isDone();
    }

    @Test
    void aBatchWhoseHandlingFailsIsHandedOverAgainWholeBeforeAnythingElse() {
        AtomicInteger failures = new AtomicInteger(2);
        intake = new EventIntake(10, Duration.ofSeconds(10), 100, Duration.ofMillis(400), b -> {
            handed.add(payloads(b));
            if (payloads(b).contains("flaky") && failures.getAndDecrement() > 0) {
                throw new IllegalStateException("the database is away");
            }
        });
        intake.offer(Message.of("flaky"));
        await().atMost(Duration.ofSeconds(5)).until(() -> handed.size() == 1);
        intake.offer(Message.of("next")); // arrives while the worker pauses after the failure
        await().atMost(Duration.ofSeconds(10)).until(() -> handed.size() == 4);

        assertThat(handed).containsExactly(List.of("flaky"), List.of("flaky"), List.of("flaky"), List.of("next"));
    }

    @Test
    void batchesAreSizedSoThatOneTakesAboutTheBatchDuration() {
        // Each message costs 10 ms to handle; batches should last about 100 ms: 10 messages, not the 500 allowed.
        intake = new EventIntake(500, Duration.ofMillis(100), 10_000, Duration.ofSeconds(1), b -> {
            handed.add(payloads(b));
            try {
                Thread.sleep(10L * b.size());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        for (int i = 0; i < 400; i++) {
            intake.offer(Message.of("m" + i));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> handed.stream().mapToInt(List::size).sum() == 400);

        assertThat(handed.get(0).size()).as("no cost known yet: a modest first batch").isBetween(1, 50);
        List<Integer> later = handed.stream().skip(3).map(List::size).toList();
        assertThat(later.subList(0, later.size() - 1)).allMatch(n -> n >= 7 && n <= 13);
    }

    @Test
    void aQuietStreamDoesNotShrinkTheBatchesOfTheBurstThatFollows() {
        // A batch costs 40 ms whatever its size plus 0.2 ms per message; batches should last about 200 ms.
        // Single events cost 40 ms each: taken as the cost per message, a burst would go 5 at a time.
        intake = new EventIntake(500, Duration.ofMillis(200), 10_000, Duration.ofSeconds(1), b -> {
            handed.add(payloads(b));
            try {
                Thread.sleep(40L + b.size() / 5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        for (int i = 0; i < 10; i++) {
            int sent = i + 1;
            intake.offer(Message.of("quiet" + i));
            await().atMost(Duration.ofSeconds(5)).until(() -> handed.stream().mapToInt(List::size).sum() == sent);
        }
        for (int i = 0; i < 2000; i++) {
            intake.offer(Message.of("burst" + i));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> handed.stream().mapToInt(List::size).sum() == 2010);

        List<Integer> burst = handed.stream().skip(10).map(List::size).toList();
        assertThat(burst.subList(2, burst.size() - 1)).as("burst batches after the first two: %s", burst)
                .allMatch(n -> n >= 100);
    }
}
