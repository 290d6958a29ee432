package mx.implan.brujula.app.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import mx.implan.brujula.app.accounts.Account;
import mx.implan.brujula.app.accounts.DeviceSessions;
import mx.implan.brujula.app.journal.CitizenReports;
import mx.implan.brujula.app.journal.Journal;
import mx.implan.brujula.app.journal.LocalWrites;
import mx.implan.brujula.app.journal.PhotoRetention;
import mx.implan.brujula.app.journal.PulledChanges;

/**
 * The sync engine on its own thread. A round ({@link SyncRound}) pushes observations, uploads missing photos,
 * sends anonymous reports, then pulls; it runs when asked ({@link #requestSync()}, a save in the journal, a
 * sign-in), every {@link Settings#interval()} while idle, and after a failure once the back-off has passed —
 * never in a tight loop. Everything it does is idempotent (opIds, content hashes, cursors written after the
 * data), so the app may be killed at any moment and simply starts again.
 */
public final class BackgroundSyncEngine implements SyncEngine {

    private static final System.Logger LOG = System.getLogger(BackgroundSyncEngine.class.getName());

    /**
     * Tuning.
     *
     * @param initialBackoff first wait after a failure
     * @param maxBackoff     longest wait between attempts
     * @param interval       how often an idle engine syncs on its own (pull: status changes, assignments)
     * @param batchSize      observations per push (the client halves on 413 anyway)
     * @param random         jitter source (seeded in tests)
     * @param autoStart      false: rounds only through {@link #syncNow()} (tests)
     * @param photos         how long photos the server holds stay on the device
     */
    public record Settings(Duration initialBackoff, Duration maxBackoff, Duration interval, int batchSize,
                           Random random, boolean autoStart, PhotoKeeping photos) {

        /** With the {@link PhotoKeeping#defaults() default} photo keeping. */
        public Settings(Duration initialBackoff, Duration maxBackoff, Duration interval, int batchSize, Random random,
                        boolean autoStart) {
            this(initialBackoff, maxBackoff, interval, batchSize, random, autoStart, PhotoKeeping.defaults());
        }

        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(5), Duration.ofMinutes(10), Duration.ofMinutes(15), 100,
                    new Random(), true);
        }

        /** The same settings with another photo keeping. */
        public Settings with(PhotoKeeping keeping) {
            return new Settings(initialBackoff, maxBackoff, interval, batchSize, random, autoStart, keeping);
        }
    }

    private final JournalSides journal;
    private final DeviceSessions accounts;
    private final Clock clock;
    private final Settings settings;
    private final Backoff backoff;
    private final ScheduledExecutorService thread;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final Object scheduling = new Object();
    private final AutoCloseable journalSubscription;
    private final AutoCloseable accountsSubscription;
    private volatile SyncStatus status;
    private ScheduledFuture<?> next;
    private boolean running;
    private boolean again;
    private int failures;
    private volatile boolean closed;

    /** With the {@link Settings#defaults() default} settings; starts at once. */
    public <J extends LocalWrites & PulledChanges & CitizenReports & PhotoRetention> BackgroundSyncEngine(
            J journal, DeviceSessions accounts, Clock clock) {
        this(journal, accounts, clock, Settings.defaults());
    }

    /**
     * @param journal the journal's faces the engine works with: the queue of local writes, the sink of pulled
     *                changes, anonymous reports and photo keeping (the device's {@code FileJournal} is all four)
     */
    public <J extends LocalWrites & PulledChanges & CitizenReports & PhotoRetention> BackgroundSyncEngine(
            J journal, DeviceSessions accounts, Clock clock, Settings settings) {
        this.journal = JournalSides.of(Objects.requireNonNull(journal, "journal"));
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.backoff = new Backoff(settings.initialBackoff(), settings.maxBackoff(), settings.random());
        this.status = new SyncStatus(SyncStatus.Phase.IDLE, pending(), null, null, null);
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "brujula-sync");
            t.setDaemon(true);
            return t;
        });
        if (settings.autoStart()) {
            this.journalSubscription = journal.onUserWrite(this::requestSync);
            this.accountsSubscription = accounts.onChange(this::requestSync);
            requestSync();
        } else {
            this.journalSubscription = () -> { };
            this.accountsSubscription = () -> { };
        }
    }

    @Override
    public void requestSync() {
        if (closed || !settings.autoStart()) {
            return;
        }
        synchronized (scheduling) {
            if (running) {
                again = true;
                return;
            }
            schedule(Duration.ZERO);
        }
    }

    /**
     * Runs one round on the engine's thread and waits for it (tests, and a "sync now" that wants the outcome).
     * Returns the status after the round.
     */
    public SyncStatus syncNow() {
        try {
            return thread.submit(this::round).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while syncing", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("Sync round failed", e.getCause());
        }
    }

    private void schedule(Duration delay) {
        if (next != null) {
            next.cancel(false);
        }
        next = thread.schedule(this::scheduledRound, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void scheduledRound() {
        synchronized (scheduling) {
            running = true;
            again = false;
        }
        SyncStatus after;
        try {
            after = round();
        } finally {
            synchronized (scheduling) {
                running = false;
            }
        }
        if (closed) {
            return;
        }
        synchronized (scheduling) {
            if (again && after.phase() == SyncStatus.Phase.IDLE) {
                schedule(Duration.ZERO);
            } else if (after.nextAttempt() != null) {
                schedule(Duration.between(clock.instant(), after.nextAttempt()).isNegative() ? Duration.ZERO
                        : Duration.between(clock.instant(), after.nextAttempt()));
            } else if (after.phase() == SyncStatus.Phase.IDLE) {
                schedule(settings.interval());
            }
            // SIGN_IN_REQUIRED and UPDATE_REQUIRED wait for the user (a sign-in wakes the engine).
        }
    }

    private SyncStatus round() {
        SyncRound.Outcome outcome;
        SyncRound round = new SyncRound(journal, accounts, settings.batchSize(), settings.photos(), clock, this::phase);
        try {
            outcome = round.run();
        } catch (RuntimeException e) {
            // A bug or a full disk must not kill the thread: report it and try again later.
            LOG.log(System.Logger.Level.ERROR, "Sync round failed", e);
            outcome = SyncRound.Outcome.failed(SyncStatus.Phase.BACKING_OFF, Messages.text(accounts.locale(), "error.internal"));
        }
        Instant now = clock.instant();
        SyncStatus after;
        if (outcome.phase() == SyncStatus.Phase.IDLE) {
            failures = 0;
            // A refused photo is reported without backing off: the rest of the sync succeeded.
            // A round with nobody to sync for never talked to the server: no "last sync" to claim.
            after = new SyncStatus(SyncStatus.Phase.IDLE, pending(), round.reachedServer() ? now : status.lastSuccess(),
                    null, outcome.error());
        } else if (outcome.retry()) {
            failures++;
            Duration wait = outcome.retryAfter() != null ? backoff.honouring(outcome.retryAfter()) : backoff.delay(failures);
            after = new SyncStatus(outcome.phase(), pending(), status.lastSuccess(), now.plus(wait), outcome.error());
        } else {
            after = new SyncStatus(outcome.phase(), pending(), status.lastSuccess(), null, outcome.error());
        }
        publish(after);
        return after;
    }

    private void phase(SyncStatus.Phase phase) {
        SyncStatus s = status;
        publish(new SyncStatus(phase, pending(), s.lastSuccess(), null, s.lastError()));
    }

    private int pending() {
        String owner = accounts.current().map(Account::username).orElse(Journal.ANONYMOUS);
        return journal.writes().unsyncedCount(owner);
    }

    private void publish(SyncStatus s) {
        boolean changed = !s.equals(status);
        status = s;
        if (changed) {
            for (Runnable l : listeners) {
                try {
                    l.run();
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "A sync status listener failed", e);
                }
            }
        }
    }

    @Override
    public SyncStatus status() {
        return status;
    }

    @Override
    public AutoCloseable onStatus(Runnable listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public void close() {
        closed = true;
        try {
            journalSubscription.close();
            accountsSubscription.close();
        } catch (Exception ignored) {
            // removing a listener cannot fail
        }
        thread.shutdownNow();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
