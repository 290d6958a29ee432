package mx.implan.brujula.model.observation;

import static mx.implan.brujula.model.observation.AttributeKeys.*;

import java.util.Map;

/** Typed view of a RISK observation's attributes. */
public record RiskAttributes(Hazard hazard, Integer severity, Integer peopleExposed) {

    public static RiskAttributes from(Map<String, ?> attributes) {
        return new RiskAttributes(
                AttributeValues.enumValue(attributes, HAZARD, Hazard.class),
                AttributeValues.intValue(attributes, SEVERITY),
                AttributeValues.intValue(attributes, PEOPLE_EXPOSED));
    }

    public Map<String, Object> toMap() {
        return AttributeValues.map(HAZARD, hazard, SEVERITY, severity, PEOPLE_EXPOSED, peopleExposed);
    }
}
