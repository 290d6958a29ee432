package mx.implan.brujula.model.observation;

import static mx.implan.brujula.model.observation.AttributeKeys.*;

import java.util.Map;

/** Typed view of a GREEN_AREA observation's attributes. */
public record GreenAreaAttributes(AreaType areaType, AreaCondition condition, Integer trees, Boolean irrigation) {

    public static GreenAreaAttributes from(Map<String, ?> attributes) {
        return new GreenAreaAttributes(
                AttributeValues.enumValue(attributes, AREA_TYPE, AreaType.class),
                AttributeValues.enumValue(attributes, CONDITION, AreaCondition.class),
                AttributeValues.intValue(attributes, TREES),
                AttributeValues.boolValue(attributes, IRRIGATION));
    }

    public Map<String, Object> toMap() {
        return AttributeValues.map(AREA_TYPE, areaType, CONDITION, condition, TREES, trees, IRRIGATION, irrigation);
    }
}
