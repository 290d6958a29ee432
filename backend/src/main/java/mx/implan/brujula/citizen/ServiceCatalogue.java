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
 * issue ({@code URBAN_IMAGE_BACHE}…), named in Spanish with English available.
 */
public final class ServiceCatalogue {

    /** One Open311 service and the observation it becomes. */
    public record Service(String code, ObservationKind kind, String attribute, String value,
                          String nameEs, String nameEn, String descriptionEs, String descriptionEn,
                          String groupEs, String groupEn, String keywords) {

        public String name(Locale locale) {
            return english(locale) ? nameEn : nameEs;
        }

        public String description(Locale locale) {
            return english(locale) ? descriptionEn : descriptionEs;
        }

        public String group(Locale locale) {
            return english(locale) ? groupEn : groupEs;
        }
    }

    private static final Map<String, Service> SERVICES;

    static {
        Map<String, Service> services = new LinkedHashMap<>();
        risk(services, Hazard.INUNDACION, "Inundación o encharcamiento", "Flooding",
                "Agua acumulada en calles, viviendas o arroyos desbordados.", "Water pooling in streets or homes, overflowing channels.", "inundación,lluvia,arroyo");
        risk(services, Hazard.DESLIZAMIENTO, "Deslizamiento de tierra", "Landslide",
                "Tierra o rocas que se deslizan en laderas o taludes.", "Soil or rocks sliding on slopes or embankments.", "deslave,talud,cerro");
        risk(services, Hazard.HUNDIMIENTO, "Hundimiento o socavón", "Subsidence or sinkhole",
                "Hundimiento del suelo o socavón en calle o banqueta.", "Ground subsidence or a sinkhole in a street or sidewalk.", "socavón,hundimiento");
        risk(services, Hazard.GRIETA, "Grieta en el suelo o en una estructura", "Crack in the ground or a structure",
                "Grietas en suelo, muros o estructuras que pueden crecer.", "Cracks in the ground, walls or structures that may grow.", "grieta,fisura");
        risk(services, Hazard.ARBOL_EN_RIESGO, "Árbol en riesgo de caer", "Tree at risk of falling",
                "Árbol inclinado, seco o dañado que puede caer.", "Leaning, dead or damaged tree that may fall.", "árbol,rama");
        risk(services, Hazard.CABLEADO, "Cableado caído o expuesto", "Fallen or exposed wiring",
                "Cables eléctricos caídos, colgando o expuestos.", "Electrical wires fallen, hanging or exposed.", "cable,electricidad,poste");
        risk(services, Hazard.INCENDIO, "Incendio o riesgo de incendio", "Fire or fire hazard",
                "Fuego, humo o material que puede incendiarse.", "Fire, smoke or material that may catch fire.", "fuego,humo,lote baldío");
        risk(services, Hazard.FUGA, "Fuga de agua o gas", "Water or gas leak",
                "Fuga de agua potable, drenaje o gas.", "Leak of drinking water, sewage or gas.", "fuga,agua,gas,drenaje");
        risk(services, Hazard.OTRO, "Otro riesgo", "Other hazard",
                "Cualquier otro peligro para las personas o sus bienes.", "Any other danger to people or property.", "riesgo");
        urban(services, UrbanIssue.BACHE, "Bache", "Pothole",
                "Bache en la calle.", "Pothole in the street.", "bache,pavimento,calle");
        urban(services, UrbanIssue.ALUMBRADO, "Alumbrado público", "Street lighting",
                "Lámpara apagada, intermitente o dañada.", "Street light out, flickering or damaged.", "luminaria,lámpara,poste");
        urban(services, UrbanIssue.BANQUETA, "Banqueta dañada", "Damaged sidewalk",
                "Banqueta rota, levantada u obstruida.", "Broken, raised or obstructed sidewalk.", "banqueta,acera");
        urban(services, UrbanIssue.BASURA, "Basura o escombro", "Rubbish or debris",
                "Basura, escombro o tiradero en la vía pública.", "Rubbish, debris or dumping in a public space.", "basura,escombro,tiradero");
        urban(services, UrbanIssue.GRAFITI, "Grafiti", "Graffiti",
                "Pintas en bienes públicos o privados.", "Graffiti on public or private property.", "grafiti,pinta");
        urban(services, UrbanIssue.FACHADA, "Fachada en mal estado", "Façade in poor condition",
                "Fachada deteriorada o abandonada.", "Deteriorated or abandoned façade.", "fachada,edificio");
        urban(services, UrbanIssue.SENALETICA, "Señalética", "Signage",
                "Señal de tránsito o nomenclatura dañada o faltante.", "Traffic or street-name sign damaged or missing.", "señal,letrero");
        urban(services, UrbanIssue.MOBILIARIO, "Mobiliario urbano", "Street furniture",
                "Bancas, paradas, juegos o mobiliario dañado.", "Damaged benches, bus stops, playgrounds or furniture.", "banca,parada,juegos");
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

    private static void risk(Map<String, Service> services, Hazard hazard, String es, String en, String descEs, String descEn, String keywords) {
        add(services, new Service("RISK_" + hazard.name(), ObservationKind.RISK, AttributeKeys.HAZARD, hazard.name(),
                es, en, descEs, descEn, "Riesgos (Atlas de Riesgo)", "Hazards (Risk Atlas)", keywords));
    }

    private static void urban(Map<String, Service> services, UrbanIssue issue, String es, String en, String descEs, String descEn, String keywords) {
        add(services, new Service("URBAN_IMAGE_" + issue.name(), ObservationKind.URBAN_IMAGE, AttributeKeys.ISSUE, issue.name(),
                es, en, descEs, descEn, "Imagen urbana", "Urban image", keywords));
    }

    private static void add(Map<String, Service> services, Service service) {
        services.put(service.code(), service);
    }

    static boolean english(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage());
    }
}
