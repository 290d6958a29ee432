package mx.implan.brujula.monitoring;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.UUID;

/**
 * Time alone makes a work late: the plan's percent grows every day while no report arrives. This job
 * re-evaluates every reported work, each in its own transaction; safe on several instances at once
 * (each evaluation locks the work's delay state, so a transition is seen once).
 */
@ApplicationScoped
public class DelayCheck {

    private static final Logger LOG = Logger.getLogger(DelayCheck.class);

    @Inject
    ProgressReports reports;
    @Inject
    WorkDelays delays;

    @Scheduled(every = "${brujula.monitoring.check-every:15m}", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        check();
    }

    /** One pass now; returns how many works have just fallen behind. */
    public int check() {
        int fell = 0;
        for (UUID work : QuarkusTransaction.requiringNew().call(reports::works)) {
            try {
                if (QuarkusTransaction.requiringNew().call(() -> delays.evaluate(work))) {
                    fell++;
                }
            } catch (RuntimeException e) {
                LOG.warnf(e, "Delay evaluation of work %s failed; the next pass tries again", work);
            }
        }
        return fell;
    }
}
