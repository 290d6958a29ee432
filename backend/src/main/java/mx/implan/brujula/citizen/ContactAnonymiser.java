package mx.implan.brujula.citizen;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Anonymises reporters' contact data {@code brujula.open311.contact-retention} after their report
 * closes. Runs hourly; safe on several instances (rows are locked and skipped, each run idempotent).
 */
@ApplicationScoped
public class ContactAnonymiser {

    private static final Logger LOG = Logger.getLogger(ContactAnonymiser.class);

    @Inject
    CitizenContacts contacts;
    @Inject
    Open311Config config;

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (config.anonymiseEnabled()) {
            run();
        }
    }

    /** One pass now; returns the reports anonymised. */
    public List<UUID> run() {
        return runAt(OffsetDateTime.now(java.time.ZoneOffset.UTC));
    }

    /** One pass as if it were {@code now} (tests move the clock forward); returns the reports anonymised. */
    public List<UUID> runAt(OffsetDateTime now) {
        List<UUID> done = contacts.anonymiseClosed(now, config.contactRetention());
        if (!done.isEmpty()) {
            LOG.infof("Anonymised the contact data of %d closed citizen reports", done.size());
        }
        return done;
    }
}
