package mx.implan.brujula.citizen;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Deletes Idempotency-Key answers older than {@code brujula.open311.idempotency-ttl}. Lookups
 * already ignore expired answers, so the schedule only bounds the table's size. Safe on several
 * instances at once (a plain delete).
 */
@ApplicationScoped
public class IdempotencyPurge {

    private static final Logger LOG = Logger.getLogger(IdempotencyPurge.class);

    @Inject
    EntityManager em;
    @Inject
    Open311Config config;

    @Scheduled(every = "${brujula.open311.idempotency-purge-every:1h}", delayed = "2m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        run();
    }

    /** One pass now; returns the answers deleted. */
    public int run() {
        return runAt(OffsetDateTime.now(ZoneOffset.UTC));
    }

    /** One pass as if it were {@code now}; returns the answers deleted. */
    @Transactional
    public int runAt(OffsetDateTime now) {
        int deleted = em.createNativeQuery("DELETE FROM open311_idempotency WHERE created_at <= ?1")
                .setParameter(1, now.minus(config.idempotencyTtl()))
                .executeUpdate();
        if (deleted > 0) {
            LOG.infof("Purged %d expired Open311 idempotency answers", deleted);
        }
        return deleted;
    }
}
