package mx.implan.brujula.model.observation;

import static mx.implan.brujula.model.observation.AttributeKeys.*;

import java.util.Map;

/** Typed view of an URBAN_IMAGE observation's attributes. */
public record UrbanImageAttributes(UrbanIssue issue, Integer severity) {

    public static UrbanImageAttributes from(Map<String, ?> attributes) {
        return new UrbanImageAttributes(
                AttributeValues.enumValue(attributes, ISSUE, UrbanIssue.class),
                AttributeValues.intValue(attributes, SEVERITY));
    }

    public Map<String, Object> toMap() {
        return AttributeValues.map(ISSUE, issue, SEVERITY, severity);
    }
}
