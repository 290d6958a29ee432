package mx.implan.brujula.indicators;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import mx.implan.brujula.config.BrujulaConfig;

import java.time.LocalDate;

/**
 * Re-derives, on a schedule, what no event announces: the snapshots of the current month and year
 * (a risk becomes "unattended for more than N days" by the clock alone, a new month needs its
 * snapshot), the census figures (zones are reloaded without events) and the investment figures
 * (the works catalogue writes no events yet). Contributions are left alone.
 */
@ApplicationScoped
public class IndicatorRefresh {

    @Inject
    EntityManager em;
    @Inject
    BrujulaConfig brujula;
    @Inject
    IndicatorLock lock;
    @Inject
    FigureFamilies families;

    @Scheduled(every = "${brujula.indicators.refresh-every:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        refresh();
    }

    /** Returns the number of values written. */
    public int refresh() {
        return write(families.refreshed());
    }

    /** The figures read from the works catalogue (progress and delay, investment), in a transaction of their own. */
    public int refreshCatalogueFigures() {
        return write(families.fromCatalogue());
    }

    /** The same, in the caller's transaction: a catalogue change announced by its event. */
    @jakarta.transaction.Transactional(jakarta.transaction.Transactional.TxType.MANDATORY)
    public int catalogueFiguresInThisTransaction() {
        return writeHere(families.fromCatalogue());
    }

    private int write(java.util.List<Figures> which) {
        return QuarkusTransaction.requiringNew().call(() -> writeHere(which));
    }

    private int writeHere(java.util.List<Figures> which) {
        lock.live();
        LocalDate today = LocalDate.now(brujula.timezone());
        int values = 0;
        for (Figures f : which) {
            values += f.write(em, Tables.LIVE, Scope.everything(), today);
        }
        return values;
    }
}
