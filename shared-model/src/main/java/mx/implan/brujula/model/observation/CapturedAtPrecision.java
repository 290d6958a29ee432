package mx.implan.brujula.model.observation;

/**
 * How much of {@code capturedAt} is meaningful. Imported records often only know the day;
 * their time of day must not be read as real.
 */
public enum CapturedAtPrecision {
    INSTANT,
    DATE
}
