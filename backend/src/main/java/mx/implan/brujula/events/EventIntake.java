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
 * is busy, sized so that handling it takes about the batch duration — and hands it over whole. So a quiet stream is applied at once and a backlog costs one
 * transaction per batch instead of one per event. A full queue answers the channel with a stage that
 * completes once the worker made room (back-pressure, no thread blocked). A batch whose handling
 * throws (the database away) is handed over again after a pause, in order, until it goes through:
 * nothing is acknowledged before its effect is committed.
 */
final class EventIntake {

    private static final Logger LOG = Logger.getLogger(EventIntake.class);
    /** A batch this large amortises its fixed cost enough to be a fair sample of the cost per message. */
    private static final int INFORMATIVE = 100;

    private final LinkedBlockingQueue<Message<String>> queue = new LinkedBlockingQueue<>();
    private final List<CompletableFuture<Void>> waiting = new ArrayList<>();
    private final int batchSize;
    private final long batchNanos;
    private final int capacity;
    private final Duration maxPause;
    private final Consumer<List<Message<String>>> handler;
    private Thread worker;
    private volatile boolean stopped;
    /** What one message has been costing to handle (smoothed), to size the next batch. */
    private double nanosPerMessage;

    /**
     * @param batchSize     most messages handed over at once
     * @param batchDuration how long a batch should take: the next batch is sized from what the last
     *                      ones cost, so a batch's transaction stays about this short whatever the
     *                      projectors' cost (a running transaction holds back every device's pull)
     */
    EventIntake(int batchSize, Duration batchDuration, int capacity, Duration maxPause, Consumer<List<Message<String>>> handler) {
        this.batchSize = batchSize;
        this.batchNanos = batchDuration.toNanos();
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
            int limit = nextBatchSize();
            List<Message<String>> batch = new ArrayList<>(limit);
            try {
                Message<String> first = queue.poll(250, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, limit - 1);
            } catch (InterruptedException e) {
                return;
            }
            releaseWaiting();
            long start = System.nanoTime();
            if (handOver(batch) && informative(batch.size(), limit)) {
                double cost = (double) (System.nanoTime() - start) / batch.size();
                nanosPerMessage = nanosPerMessage == 0 ? cost : 0.7 * nanosPerMessage + 0.3 * cost;
            }
        }
    }

    /**
     * Whether a batch's time says what a message costs. A batch costs a fixed part (the zones and cells
     * it touches) plus a part per message; in a small batch the fixed part is most of it, and taking
     * that as the cost per message would size the next batches far too small — a quiet stream, one
     * event at a time, would then meet the next burst with batches of a few events, fall behind and
     * take seconds to recover. A full batch, or one of {@value #INFORMATIVE} or more, is a fair sample.
     */
    private static boolean informative(int size, int limit) {
        return size >= Math.min(limit, INFORMATIVE);
    }

    /** As many messages as fit the batch duration at the recent cost, at least one, at most the batch size. */
    int nextBatchSize() {
        if (nanosPerMessage == 0) {
            return Math.min(batchSize, 50); // no cost known yet: a modest first batch
        }
        return (int) Math.max(1, Math.min(batchSize, batchNanos / nanosPerMessage));
    }

    /** True when the batch went through at the first attempt (its time is then a fair cost sample). */
    private boolean handOver(List<Message<String>> batch) {
        Duration pause = Duration.ofMillis(200);
        boolean first = true;
        while (!stopped) {
            try {
                handler.accept(batch);
                return first;
            } catch (RuntimeException e) {
                LOG.warnf(e, "%d events could not be handled; trying again in %d ms", batch.size(), pause.toMillis());
                first = false;
            }
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                return false;
            }
            pause = RelayBackoff.next(pause, maxPause);
        }
        return false;
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
