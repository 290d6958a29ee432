package mx.implan.brujula.demo;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import mx.implan.brujula.indicators.IndicatorRecompute;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * With {@code BRUJULA_DEMO=true} (set only by {@code ./brujula run}) loads the real Hermosillo data:
 * demo users, zones and the area of interest, the fictional works catalogue, the municipalities
 * reference layer (which the script loaded with ogr2ogr), the demo inspector's zones and the
 * Bachómetro reports, then computes the indicators (SMI) from them. It runs after start-up in the
 * background, so the server answers at once and the data fills in; every step is idempotent.
 */
@ApplicationScoped
public class DemoLoader {

    private static final Logger LOG = Logger.getLogger(DemoLoader.class);

    @Inject
    DemoConfig config;
    @Inject
    DemoUsers users;
    @Inject
    DemoReferenceData referenceData;
    @Inject
    DemoLayers layers;
    @Inject
    BachometroImport bachometro;
    @Inject
    DemoAssignments assignments;
    @Inject
    IndicatorRecompute indicators;

    private volatile boolean finished;

    void onStart(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        Thread loader = new Thread(this::loadAll, "demo-loader");
        loader.setDaemon(true);
        loader.start();
    }

    public void loadAll() {
        try {
            long start = System.nanoTime();
            users.ensure();
            referenceData.load();
            layers.ensure();
            List<String> zones = assignments.ensure();
            if (!zones.isEmpty()) {
                LOG.infof("Demo inspector assigned zones %s", zones);
            }
            if (config.reports()) {
                BachometroImport.Report report = bachometro.load();
                LOG.infof("Demo Bachómetro reports: %d read, results %s, %d marked RESOLVED, in %d s",
                        report.read(), report.results(), report.statusChanges(), (System.nanoTime() - start) / 1_000_000_000L);
            }
            // The figures of the SMI from what was just loaded (census, CONAPO, Bachómetro), without a manual step.
            IndicatorRecompute.Report figures = indicators.recomputeLive();
            LOG.infof("Demo indicators: %d values from %d observations in %d ms", figures.values(), figures.contributions(),
                    figures.millis());
            finished = true;
        } catch (RuntimeException e) {
            LOG.error("Demo data could not be loaded", e);
        }
    }

    public boolean finished() {
        return finished;
    }
}
