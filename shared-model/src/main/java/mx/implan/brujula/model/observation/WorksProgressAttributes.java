package mx.implan.brujula.model.observation;

import static mx.implan.brujula.model.observation.AttributeKeys.*;

import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;

/** Typed view of a WORKS_PROGRESS observation's attributes. */
public record WorksProgressAttributes(UUID publicWorkId, BigDecimal progressPercent, WorkStage stage,
                                      Integer workersOnSite, String issues) {

    public static WorksProgressAttributes from(Map<String, ?> attributes) {
        return new WorksProgressAttributes(
                AttributeValues.uuid(attributes, PUBLIC_WORK_ID),
                AttributeValues.decimal(attributes, PROGRESS_PERCENT),
                AttributeValues.enumValue(attributes, STAGE, WorkStage.class),
                AttributeValues.intValue(attributes, WORKERS_ON_SITE),
                AttributeValues.text(attributes, ISSUES));
    }

    public Map<String, Object> toMap() {
        return AttributeValues.map(PUBLIC_WORK_ID, publicWorkId, PROGRESS_PERCENT, progressPercent, STAGE, stage,
                WORKERS_ON_SITE, workersOnSite, ISSUES, issues);
    }
}
