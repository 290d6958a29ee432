package mx.implan.brujula.demo;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import mx.implan.brujula.auth.Actor;
import mx.implan.brujula.http.RequestLocale;
import mx.implan.brujula.ogc.layers.LayerCatalogue;
import mx.implan.brujula.ogc.layers.LayerRegistry;
import org.jboss.logging.Logger;

/**
 * Publishes the reference layer the demo's GIS team loaded: {@code ./brujula run} puts INEGI's
 * municipalities into {@code layers.municipios} with ogr2ogr before the server starts, and this
 * registers the table as the public collection {@value #ID}, as an administrator would. Once only.
 */
@ApplicationScoped
public class DemoLayers {

    static final String ID = "municipios";
    static final String TABLE = "municipios";
    private static final Logger LOG = Logger.getLogger(DemoLayers.class);

    @Inject
    LayerRegistry registry;
    @Inject
    LayerCatalogue catalogue;

    public void ensure() {
        if (catalogue.table(TABLE).isEmpty()) {
            LOG.infof("Demo layer %s.%s is not loaded (./brujula run loads it with ogr2ogr): not published", LayerCatalogue.SCHEMA, TABLE);
            return;
        }
        if (registry.registered(ID, TABLE)) {
            return;
        }
        registry.register(Actor.importer("demo"), new LayerRegistry.NewLayer(TABLE, ID, "Municipios de México (INEGI)",
                "Los 2,474 municipios del Marco Geoestadístico del INEGI con su población (pobtot) y viviendas particulares "
                        + "habitadas (tvivparhab) del Censo 2020, simplificados a unos 500 m; falta Mulegé, BCS. "
                        + "Fuente: INEGI, Marco Geoestadístico y Censo de Población y Vivienda 2020.",
                "PUBLIC", null), RequestLocale.SPANISH);
        LOG.infof("Demo layer %s.%s published as collection %s", LayerCatalogue.SCHEMA, TABLE, ID);
    }
}
