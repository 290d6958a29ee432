package mx.implan.brujula.citizen;

import mx.implan.brujula.model.observation.AttributeKeys;
import mx.implan.brujula.model.observation.Hazard;
import mx.implan.brujula.model.observation.ObservationKind;
import mx.implan.brujula.model.observation.UrbanIssue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The Open311 services: one per RISK hazard ({@code RISK_INUNDACION}…) and one per URBAN_IMAGE
 * issue ({@code URBAN_IMAGE_BACHE}…); names and descriptions in the open311 bundles (Spanish, English).
 * The keywords are the Spanish words citizens search with.
 */
public final class ServiceCatalogue {

    /** One Open311 service and the observation it becomes; its name, description and group are in the open311 bundles. */
    public record Service(String code, ObservationKind kind, String attribute, String value, String keywords) {

        public String name(Locale locale) {
            return new Open311Text(locale).get("service." + code + ".name");
        }

        public String description(Locale locale) {
            return new Open311Text(locale).get("service." + code + ".description");
        }

        public String group(Locale locale) {
            return new Open311Text(locale).get("group." + kind.name());
        }
    }

    private static final Map<String, Service> SERVICES;

    static {
        Map<String, Service> services = new LinkedHashMap<>();
        risk(services, Hazard.INUNDACION, "inundación,lluvia,arroyo");
        risk(services, Hazard.DESLIZAMIENTO, "deslave,talud,cerro");
        risk(services, Hazard.HUNDIMIENTO, "socavón,hundimiento");
        risk(services, Hazard.GRIETA, "grieta,fisura");
        risk(services, Hazard.ARBOL_EN_RIESGO, "árbol,rama");
        risk(services, Hazard.CABLEADO, "cable,electricidad,poste");
        risk(services, Hazard.INCENDIO, "fuego,humo,lote baldío");
        risk(services, Hazard.FUGA, "fuga,agua,gas,drenaje");
        risk(services, Hazard.OTRO, "riesgo");
        urban(services, UrbanIssue.BACHE, "bache,pavimento,calle");
        urban(services, UrbanIssue.ALUMBRADO, "luminaria,lámpara,poste");
        urban(services, UrbanIssue.BANQUETA, "banqueta,acera");
        urban(services, UrbanIssue.BASURA, "basura,escombro,tiradero");
        urban(services, UrbanIssue.GRAFITI, "grafiti,pinta");
        urban(services, UrbanIssue.FACHADA, "fachada,edificio");
        urban(services, UrbanIssue.SENALETICA, "señal,letrero");
        urban(services, UrbanIssue.MOBILIARIO, "banca,parada,juegos");
        SERVICES = Collections.unmodifiableMap(services);
    }

    private ServiceCatalogue() {
    }

    public static List<Service> all() {
        return new ArrayList<>(SERVICES.values());
    }

    public static Optional<Service> find(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(SERVICES.get(code.trim().toUpperCase(Locale.ROOT)));
    }

    private static void risk(Map<String, Service> services, Hazard hazard, String keywords) {
        add(services, new Service("RISK_" + hazard.name(), ObservationKind.RISK, AttributeKeys.HAZARD, hazard.name(), keywords));
    }

    private static void urban(Map<String, Service> services, UrbanIssue issue, String keywords) {
        add(services, new Service("URBAN_IMAGE_" + issue.name(), ObservationKind.URBAN_IMAGE, AttributeKeys.ISSUE, issue.name(), keywords));
    }

    private static void add(Map<String, Service> services, Service service) {
        services.put(service.code(), service);
    }
}
