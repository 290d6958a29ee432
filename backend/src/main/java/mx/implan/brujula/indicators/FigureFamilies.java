package mx.implan.brujula.indicators;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/** Every family of computed indicators, in the order a recompute writes them. */
@ApplicationScoped
class FigureFamilies {

    @Inject
    CensusFigures census;
    @Inject
    InvestmentFigures investment;
    @Inject
    UrbanImageFigures urbanImage;
    @Inject
    RiskFigures risks;
    @Inject
    GreenAreaFigures greenAreas;
    @Inject
    WorksFigures works;

    List<Figures> all() {
        return List.of(census, investment, urbanImage, risks, greenAreas, works);
    }

    /** What the projector keeps up to date from observation events. */
    List<Figures> projected() {
        return List.of(urbanImage, risks, greenAreas, works);
    }

    /** What is read from the works catalogue, which writes no events yet. */
    List<Figures> fromCatalogue() {
        return List.of(investment, works);
    }

    /** What ages with the clock or comes from tables without events (zones, the works catalogue). */
    List<Figures> refreshed() {
        return List.of(census, investment, risks, greenAreas, works);
    }
}
