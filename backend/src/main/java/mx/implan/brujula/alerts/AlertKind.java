package mx.implan.brujula.alerts;

/** Why supervisors are alerted (docs/works-monitoring.md). */
public enum AlertKind {
    /** A risk was reported (or raised) at or above the configured severity. */
    RISK_HIGH_SEVERITY,
    /** A public work has just fallen behind its plan by more than the threshold. */
    WORK_DELAYED,
    /** A severe risk is still REPORTED or VERIFIED days after its capture. */
    RISK_UNATTENDED
}
