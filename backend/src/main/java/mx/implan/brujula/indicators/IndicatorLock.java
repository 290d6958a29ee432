package mx.implan.brujula.indicators;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Transaction-scoped advisory locks. Writers of the live figures (the projector, the refresh, a
 * recompute) take turns: each rewrites cells by delete-and-insert, which two at once on one cell
 * would turn into a key conflict. A recompute into the scratch tables has its own lock.
 */
@ApplicationScoped
class IndicatorLock {

    /** "brujindi" and "brujinds". */
    private static final long LIVE = 0x6272756a_696e6469L;
    private static final long SCRATCH = 0x6272756a_696e6473L;

    @Inject
    EntityManager em;

    @Transactional(Transactional.TxType.MANDATORY)
    void live() {
        take(LIVE);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void of(Tables tables) {
        take(tables == Tables.LIVE ? LIVE : SCRATCH);
    }

    private void take(long key) {
        em.createNativeQuery("SELECT CAST(pg_advisory_xact_lock(" + key + ") AS text)").getSingleResult();
    }
}
