package mx.implan.brujula.events;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Between the channels and the projectors: messages are queued as they arrive and one worker
 * thread takes whatever has arrived — one message when the stream is quiet, up to a batch when it
 * is busy — and hands it over whole. So a quiet stream is applied at once and a backlog costs one
 * transaction per batch instead of one per event. A full queue answers the channel with a stage that
 * completes once the worker made room (back-pressure, no thread blocked). A batch whose handling
 * throws (the database away) is handed over again after a pause, in order, until it goes through:
 * nothing is acknowledged before its effect is committed.
 */
final class EventIntake {

    private static final Logger LOG = Logger.getLogger(EventIntake.class);

    private final LinkedBlockingQueue<Message<String>> queue = new LinkedBlockingQueue<>();
    private final List<CompletableFuture<Void>> waiting = new ArrayList<>();
    private final int batchSize;
    private final int capacity;
    private final Duration maxPause;
    private final Consumer<List<Message<String>>> handler;
    private Thread worker;
    private volatile boolean stopped;

    EventIntake(int batchSize, int capacity, Duration maxPause, Consumer<List<Message<String>>> handler) {
        this.batchSize = batchSize;
        this.capacity = capacity;
        this.maxPause = maxPause;
        this.handler = handler;
    }

    /** Queues the message; the stage completes when the channel may send the next one. */
    synchronized CompletionStage<Void> offer(Message<String> message) {
        if (worker == null && !stopped) {
            worker = new Thread(this::run, "brujula-event-intake");
            worker.setDaemon(true);
            worker.start();
        }
        queue.add(message);
        if (queue.size() < capacity) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> room = new CompletableFuture<>();
        waiting.add(room);
        return room;
    }

    /** Stops taking batches; what is queued stays unacknowledged, so the channel delivers it again. */
    void stop() {
        Thread w;
        synchronized (this) {
            stopped = true;
            w = worker;
        }
        if (w != null) {
            w.interrupt();
        }
    }

    private void run() {
        while (!stopped) {
            List<Message<String>> batch = new ArrayList<>(batchSize);
            try {
                Message<String> first = queue.poll(250, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, batchSize - 1);
            } catch (InterruptedException e) {
                return;
            }
            releaseWaiting();
            handOver(batch);
        }
    }

    private void handOver(List<Message<String>> batch) {
        Duration pause = Duration.ofMillis(200);
        while (!stopped) {
            try {
                handler.accept(batch);
                return;
            } catch (RuntimeException e) {
                LOG.warnf(e, "%d events could not be handled; trying again in %d ms", batch.size(), pause.toMillis());
            }
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            pause = RelayBackoff.next(pause, maxPause);
        }
    }

    private void releaseWaiting() {
        List<CompletableFuture<Void>> ready;
        synchronized (this) {
            if (waiting.isEmpty() || queue.size() >= capacity) {
                return;
            }
            ready = List.copyOf(waiting);
            waiting.clear();
        }
        ready.forEach(f -> f.complete(null));
    }
}
