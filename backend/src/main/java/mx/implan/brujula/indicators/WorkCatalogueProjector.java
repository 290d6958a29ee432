package mx.implan.brujula.indicators;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import mx.implan.brujula.events.DomainEvent;
import mx.implan.brujula.events.EventProjector;

/**
 * Follows the works catalogue's events ({@code work.upserted}): a work created, re-planned, moved or
 * re-budgeted moves the works and investment figures at once, not at the next scheduled refresh.
 * The figures are derived again from the catalogue as it stands, so a redelivered or late event
 * changes nothing.
 */
@ApplicationScoped
public class WorkCatalogueProjector implements EventProjector {

    public static final String NAME = "indicators-works";

    @Inject
    IndicatorRefresh refresh;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean accepts(DomainEvent event) {
        return "work".equals(event.aggregateType());
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(DomainEvent event) {
        refresh.catalogueFiguresInThisTransaction();
    }
}
